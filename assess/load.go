package assess

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/circle-cli/circle/assess/strictyaml"
	"github.com/circle-cli/circle/questionnaires"
	"gopkg.in/yaml.v3"
)

// DefaultQuestionnaire is the id used when none is named.
const DefaultQuestionnaire = questionnaires.Default

var (
	idRE       = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
	subscaleRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// LoadQuestionnaire finds a questionnaire by embedded id or by path and
// validates it. An argument that names an embedded questionnaire wins over a
// file of the same name in the current directory only when it has no path
// separator and no .yaml/.yml ending.
func LoadQuestionnaire(ref string) (*Questionnaire, error) {
	if ref == "" {
		ref = DefaultQuestionnaire
	}
	if data, err := questionnaires.Open(ref); err == nil {
		return ParseQuestionnaire("questionnaires/"+ref+".yaml", data)
	}
	if !IsQuestionnairePath(ref) {
		if _, err := os.Stat(ref); err != nil {
			return nil, fmt.Errorf("no questionnaire %q: the built-in ones are %s; or give the path of a YAML file", strictyaml.Clip(ref), strings.Join(questionnaires.IDs(), ", "))
		}
	}
	return ReadQuestionnaireFile(ref)
}

// ReadQuestionnaireFile reads and validates a questionnaire file.
func ReadQuestionnaireFile(path string) (*Questionnaire, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return ParseQuestionnaire(path, data)
}

// IsQuestionnairePath reports whether a questionnaire reference is written
// as a path (it has a path separator or a .yaml/.yml ending) rather than as
// an id.
func IsQuestionnairePath(ref string) bool {
	return strings.ContainsAny(ref, `/\`) || strings.HasSuffix(ref, ".yaml") || strings.HasSuffix(ref, ".yml")
}

// readFile reads a hand-written input file, refusing anything too large to
// be one before reading it all.
func readFile(path string) ([]byte, error) {
	shown := strictyaml.OneLine(path)
	// Look before opening: opening a FIFO or a terminal device would wait
	// for a writer that never comes.
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", shown, unwrapPathError(err))
	}
	switch {
	case st.IsDir():
		return nil, fmt.Errorf("%s: is a directory; give the path of a YAML file", shown)
	case !st.Mode().IsRegular():
		return nil, fmt.Errorf("%s: is not a regular file; give the path of a YAML file", shown)
	case st.Size() > strictyaml.MaxFileSize:
		return nil, strictyaml.Errorf(path, 0, "", "the file is %.1f MB; the limit is 1 MB, so this is probably not the file you meant", float64(st.Size())/(1<<20))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", shown, unwrapPathError(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, strictyaml.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", shown, err)
	}
	return data, nil
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// ParseQuestionnaire decodes and validates a questionnaire. file names it in
// messages. Every problem is reported at once, as a *strictyaml.Error.
func ParseQuestionnaire(file string, data []byte) (*Questionnaire, error) {
	var q Questionnaire
	root, problems := strictyaml.Decode(data, &q)
	if root != nil {
		problems = strictyaml.Merge(problems, q.validate(root))
	}
	if len(problems) > 0 {
		strictyaml.Sort(problems)
		return nil, &strictyaml.Error{File: file, Problems: problems}
	}
	return &q, nil
}

// validate checks what the YAML types cannot: ids, references between
// sections, and rules that make sense. root gives the lines.
func (q *Questionnaire) validate(root *yaml.Node) []strictyaml.Problem {
	v := validator{root: root}

	v.id(q.ID, "id")
	if q.Version < 1 {
		v.add("must be a whole number of 1 or more; raise it whenever the questions change", "version")
	}
	if strings.TrimSpace(q.Title) == "" {
		v.add("missing; give the questionnaire a title", "title")
	}

	if len(q.Relationships) == 0 {
		v.add("missing; define at least one relationship type (id, label, side, power, system)", "relationships")
	}
	systems := map[string]bool{}
	seen := map[string]int{}
	for i, r := range q.Relationships {
		v.id(r.ID, "relationships", i, "id")
		v.unique(seen, r.ID, i, "relationships", i, "id")
		if !validSide(string(r.Side)) {
			v.add(fmt.Sprintf("%q is not a side; use internal or external", r.Side), "relationships", i, "side")
		}
		switch {
		case r.System == "":
			v.add("missing; name the social world the tie comes from, such as current_org or personal", "relationships", i, "system")
		case !idRE.MatchString(r.System):
			v.add(fmt.Sprintf("%q is not a usable system name; use lower-case letters, digits, - and _", strictyaml.Clip(r.System)), "relationships", i, "system")
		}
		systems[r.System] = true
	}

	if len(q.Functions) == 0 {
		v.add("missing; define at least one support function (id, label)", "functions")
	}
	seen = map[string]int{}
	for i, f := range q.Functions {
		v.id(f.ID, "functions", i, "id")
		v.unique(seen, f.ID, i, "functions", i, "id")
	}

	if len(q.Generators) == 0 {
		v.add("missing; add at least one question that asks for people", "generators")
	}
	seen = map[string]int{}
	for i, g := range q.Generators {
		v.id(g.ID, "generators", i, "id")
		v.unique(seen, g.ID, i, "generators", i, "id")
		if strings.TrimSpace(g.Question) == "" {
			v.add("missing; write the question that asks for people", "generators", i, "question")
		}
		for j, f := range g.Functions {
			if !q.HasFunction(f) {
				v.add(fmt.Sprintf("%q is not a function this questionnaire defines; define it under functions or use one of %s", f, q.functionIDs()), "generators", i, "functions", j)
			}
		}
	}

	for _, p := range []struct{ field, text string }{
		{"relationship", q.Person.Relationship}, {"ring", q.Person.Ring}, {"frequency", q.Person.Frequency},
		{"candour", q.Person.Candour}, {"functions", q.Person.Functions},
	} {
		if strings.TrimSpace(p.text) == "" {
			v.add("missing; write the question asked about each person ({name} stands for their name)", "person", p.field)
		}
	}

	seen = map[string]int{}
	for i, it := range q.Likert.Items {
		v.id(it.ID, "likert", "items", i, "id")
		v.unique(seen, it.ID, i, "likert", "items", i, "id")
		if strings.TrimSpace(it.Text) == "" {
			v.add("missing; write the statement to agree or disagree with", "likert", "items", i, "text")
		}
		switch {
		case it.Subscale == "":
			v.add("missing; every statement belongs to a subscale, such as isolation or filtering", "likert", "items", i, "subscale")
		case !subscaleRE.MatchString(it.Subscale):
			v.add(fmt.Sprintf("%q is not a usable subscale name; use lower-case letters, digits and _", it.Subscale), "likert", "items", i, "subscale")
		case IsCoreScore(it.Subscale):
			v.add(fmt.Sprintf("%q is already a score's name; choose another subscale name", it.Subscale), "likert", "items", i, "subscale")
		}
	}

	// Every text a questionnaire brings is shown on the leader's terminal
	// and in their maps and reports: no control characters, no escape
	// sequences. Line breaks are fine in the longer texts.
	v.text(q.Title, false, "title")
	v.text(q.Intro, true, "intro")
	for i, r := range q.Relationships {
		v.text(r.Label, false, "relationships", i, "label")
	}
	for i, f := range q.Functions {
		v.text(f.Label, false, "functions", i, "label")
	}
	for i, g := range q.Generators {
		v.text(g.Question, false, "generators", i, "question")
		v.text(g.Help, true, "generators", i, "help")
	}
	for _, p := range []struct{ field, text string }{
		{"intro", q.Person.Intro}, {"relationship", q.Person.Relationship}, {"ring", q.Person.Ring},
		{"frequency", q.Person.Frequency}, {"candour", q.Person.Candour}, {"functions", q.Person.Functions},
	} {
		v.text(p.text, false, "person", p.field)
	}
	v.text(q.Likert.Intro, true, "likert", "intro")
	for i, it := range q.Likert.Items {
		v.text(it.Text, false, "likert", "items", i, "text")
	}
	v.text(q.Calibration.Question, false, "calibration", "question")
	v.text(q.Calibration.Help, true, "calibration", "help")
	v.text(q.Reflection.Question, false, "reflection", "question")
	v.text(q.Reflection.Help, true, "reflection", "help")
	for i, r := range q.Rules {
		v.text(r.Title, false, "rules", i, "title")
		v.text(r.Advice, true, "rules", i, "advice")
	}

	seen = map[string]int{}
	for i := range q.Rules {
		r := &q.Rules[i]
		v.id(r.ID, "rules", i, "id")
		v.unique(seen, r.ID, i, "rules", i, "id")
		if strings.TrimSpace(r.Title) == "" {
			v.add("missing; a rule needs a short title, shown on the map", "rules", i, "title")
		}
		if strings.TrimSpace(r.Advice) == "" {
			v.add("missing; say concretely what would close the gap", "rules", i, "advice")
		}
		if r.Severity != SeverityGap && r.Severity != SeverityWarning {
			v.add(fmt.Sprintf("%q is not a severity; use gap or warning", r.Severity), "rules", i, "severity")
		}
		if !validSide(string(r.Placeholder.Side)) {
			v.add(fmt.Sprintf("%q is not a side; use internal or external", r.Placeholder.Side), "rules", i, "placeholder", "side")
		}
		if !validRing(string(r.Placeholder.Ring)) {
			v.add(fmt.Sprintf("%q is not a ring; use inner, middle or outer", r.Placeholder.Ring), "rules", i, "placeholder", "ring")
		}
		if k := r.kind(); k != nil {
			k.validate(&v, q, systems, r, "rules", i)
		} else {
			v.add(fmt.Sprintf("%q is not a rule kind; use require, forbid or score", r.Kind), "rules", i, "kind")
		}
	}
	return v.problems
}

func (v *validator) filter(q *Questionnaire, systems map[string]bool, f *Filter, path ...any) {
	at := func(field string, j int) []any { return append(append([]any{}, path...), field, j) }
	for j, s := range f.Side {
		if !validSide(s) {
			v.add(fmt.Sprintf("%q is not a side; use internal or external", s), at("side", j)...)
		}
	}
	for j, s := range f.Ring {
		if !validRing(s) {
			v.add(fmt.Sprintf("%q is not a ring; use inner, middle or outer", s), at("ring", j)...)
		}
	}
	for j, s := range f.Frequency {
		if !validFrequency(s) {
			v.add(fmt.Sprintf("%q is not a frequency; use %s", s, quoteList(Frequencies)), at("frequency", j)...)
		}
	}
	for j, s := range f.Relationship {
		if _, ok := q.Relationship(s); !ok {
			v.add(fmt.Sprintf("%q is not a relationship this questionnaire defines; use one of %s", s, q.relationshipIDs()), at("relationship", j)...)
		}
	}
	for j, s := range f.System {
		if !systems[s] {
			v.add(fmt.Sprintf("%q is not a system any relationship has; use one of %s", s, q.systemIDs()), at("system", j)...)
		}
	}
	for j, s := range f.FunctionsAny {
		if !q.HasFunction(s) {
			v.add(fmt.Sprintf("%q is not a function this questionnaire defines; use one of %s", s, q.functionIDs()), at("functions_any", j)...)
		}
	}
	if f.CandourMin != nil && (*f.CandourMin < MinAnswer || *f.CandourMin > MaxAnswer) {
		v.add("candour_min is a whole number from 1 to 5", append(append([]any{}, path...), "candour_min")...)
	}
}

// validator collects semantic problems, finding each one's line in root.
type validator struct {
	root     *yaml.Node
	problems []strictyaml.Problem
}

func (v *validator) add(msg string, path ...any) {
	v.problems = append(v.problems, strictyaml.Problem{
		Line:  strictyaml.Line(v.root, path...),
		Field: fieldPath(path),
		Msg:   msg,
	})
}

// text refuses control characters (escape sequences among them) in a text
// that will be shown; newline allows line breaks and tabs.
func (v *validator) text(s string, newline bool, path ...any) {
	for _, r := range s {
		if newline && (r == '\n' || r == '\t' || r == '\r') {
			continue
		}
		if HasControl(string(r)) {
			v.add("holds a control character or escape sequence; write plain text", path...)
			return
		}
	}
}

func (v *validator) id(id string, path ...any) {
	switch {
	case id == "":
		v.add("missing; give it an id (lower-case letters, digits, - and _)", path...)
	case !idRE.MatchString(id):
		v.add(fmt.Sprintf("%q is not a usable id; use lower-case letters, digits, - and _", strictyaml.Clip(id)), path...)
	}
}

func (v *validator) unique(seen map[string]int, id string, i int, path ...any) {
	if id == "" {
		return
	}
	if first, dup := seen[id]; dup {
		v.add(fmt.Sprintf("duplicate id %q (also at line %d); ids must be unique", id, strictyaml.Line(v.root, append(append([]any{}, path[:len(path)-2]...), first, "id")...)), path...)
		return
	}
	seen[id] = i
}

// fieldPath renders a look-up path as people[2].ring.
func fieldPath(path []any) string {
	var b strings.Builder
	for _, p := range path {
		switch s := p.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", s)
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s)
		}
	}
	return b.String()
}

func (q *Questionnaire) relationshipIDs() string {
	ids := make([]string, len(q.Relationships))
	for i, r := range q.Relationships {
		ids[i] = r.ID
	}
	return quoteList(ids)
}

func (q *Questionnaire) functionIDs() string {
	ids := make([]string, len(q.Functions))
	for i, f := range q.Functions {
		ids[i] = f.ID
	}
	return quoteList(ids)
}

func (q *Questionnaire) systemIDs() string {
	var ids []string
	seen := map[string]bool{}
	for _, r := range q.Relationships {
		if !seen[r.System] {
			seen[r.System] = true
			ids = append(ids, r.System)
		}
	}
	return quoteList(ids)
}

// IsCoreScore reports whether name is one of the core scores, as opposed
// to a Likert subscale.
func IsCoreScore(name string) bool { return slices.Contains(CoreScores, name) }
