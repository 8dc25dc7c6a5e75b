package assess

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/circle-cli/circle/assess/safefile"
	"github.com/circle-cli/circle/assess/strictyaml"
	"github.com/circle-cli/circle/questionnaires"
)

// DefaultQuestionnaire is the id used when none is named.
const DefaultQuestionnaire = questionnaires.Default

var (
	idRE       = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
	subscaleRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	// A score's name; the sources are written sources.inside and so on.
	scoreNameRE = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$`)
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

// builtins caches the built-in questionnaires by "id@version", and the
// current one of each id by id: results are read many at a time, and each
// is checked against its own version. A cached questionnaire is shared, so
// nothing may change it.
var builtins sync.Map

// Current returns today's version of the built-in questionnaire id; nil
// when id is not built in.
func Current(id string) *Questionnaire {
	if q, ok := builtins.Load(id); ok {
		return q.(*Questionnaire)
	}
	data, err := questionnaires.Open(id)
	if err != nil {
		return nil
	}
	q, err := ParseQuestionnaire("questionnaires/"+id+".yaml", data)
	if err != nil {
		return nil
	}
	actual, _ := builtins.LoadOrStore(id, q)
	return actual.(*Questionnaire)
}

// Builtin returns the built-in questionnaire id at the given version, the
// current one or an earlier one circle keeps; nil when circle has no such
// questionnaire or version (a custom questionnaire, or a newer version).
func Builtin(id string, version int) *Questionnaire {
	cur := Current(id)
	if cur == nil || cur.Version == version {
		return cur
	}
	key := fmt.Sprintf("%s@%d", id, version)
	if q, ok := builtins.Load(key); ok {
		return q.(*Questionnaire)
	}
	name, data, err := questionnaires.OpenEarlier(id, version)
	if err != nil {
		return nil
	}
	q, err := ParseQuestionnaire("questionnaires/"+name, data)
	if err != nil {
		return nil
	}
	actual, _ := builtins.LoadOrStore(key, q)
	return actual.(*Questionnaire)
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

// readFile reads a hand-written input file: a regular file only (a FIFO
// or a terminal device would wait for a writer that never comes; see
// safefile), refusing anything too large to be one before reading it.
func readFile(path string) ([]byte, error) {
	return ReadInput(path, "give the path of a YAML file")
}

// ReadInput reads a file circle is handed (an answers file, a
// questionnaire, a result named by its path) as safefile does, with errors
// that name the file and say what to give instead.
func ReadInput(path, instead string) ([]byte, error) {
	data, err := safefile.Read(path, strictyaml.MaxFileSize)
	if err != nil {
		return nil, InputError(path, instead, err)
	}
	return data, nil
}

// InputError is an error of safefile.Read on path as ReadInput says it:
// naming the file, and saying what to give instead.
func InputError(path, instead string, err error) error {
	shown := strictyaml.OneLine(path)
	var tooLarge *safefile.TooLargeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &tooLarge):
		return strictyaml.Errorf(path, 0, "", "%v, so this is probably not the file you meant", err)
	case errors.Is(err, safefile.ErrNotRegular):
		return fmt.Errorf("%s: is not a regular file (a pipe, a socket or a device); %s", shown, instead)
	case errors.Is(err, safefile.ErrDirectory):
		return fmt.Errorf("%s: is a directory; %s", shown, instead)
	}
	return fmt.Errorf("%s: %w", shown, unwrapPathError(err))
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
		switch {
		case r.Power == "false" || r.Power == "":
			// Version 1 wrote power: false; it means none. Left out, there
			// is no formal power either.
			q.Relationships[i].Power = PowerNone
		case r.Power == "true":
			v.add("power: true is from circle's first questionnaire format, which did not say which way the power runs; write over (they have formal power over you, like a manager) or under (you have formal power over them, like a direct report)", "relationships", i, "power")
		case !validPower(string(r.Power)):
			v.add(fmt.Sprintf("%q is not a power; use over, under or none", strictyaml.Clip(string(r.Power))), "relationships", i, "power")
		}
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

	v.personWords(q)
	v.wasPeer(q)
	v.ties(q)

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

	subscales := q.Subscales()
	seen = map[string]int{}
	for i, sub := range q.Likert.Subscales {
		v.unique(seen, sub.ID, i, "likert", "subscales", i, "id")
		if !slices.Contains(subscales, sub.ID) {
			v.add(fmt.Sprintf("%q is not the subscale of any statement; use one of %s", strictyaml.Clip(sub.ID), quoteList(subscales)), "likert", "subscales", i, "id")
		}
		if strings.TrimSpace(sub.Label) == "" {
			v.add("missing; the subscale's name as shown, such as Isolation", "likert", "subscales", i, "label")
		}
		if strings.TrimSpace(sub.Meaning) == "" {
			v.add("missing; say in a few words what a high score means, such as how alone the role feels", "likert", "subscales", i, "meaning")
		}
		v.text(sub.Label, false, "likert", "subscales", i, "label")
		v.text(sub.Meaning, false, "likert", "subscales", i, "meaning")
	}
	v.earlier(q)

	// Every text a questionnaire brings is shown on the leader's terminal
	// and in their maps and reports: no control characters, no escape
	// sequences. Line breaks are fine in the longer texts.
	v.text(q.Title, false, "title")
	v.text(q.Intro, true, "intro")
	v.text(q.RerunIntro, true, "rerun_intro")
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
		v.text(r.Strength, false, "rules", i, "strength")
		for j, step := range r.Steps {
			v.text(step, false, "rules", i, "steps", j)
			if strings.TrimSpace(step) == "" || utf8.RuneCountInString(step) > MaxStepLength {
				v.add(fmt.Sprintf("a step is a sentence of 1 to %d characters", MaxStepLength), "rules", i, "steps", j)
			}
		}
		if n := len(r.Steps); n == 1 || n > 4 {
			v.add(fmt.Sprintf("%d steps; suggest two to four first steps (or none)", n), "rules", i, "steps")
		}
		if r.Almost != nil {
			v.text(r.Almost.Lead, false, "rules", i, "almost", "lead")
		}
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
			k.validate(&v, q, r, "rules", i)
		} else {
			v.add(fmt.Sprintf("%q is not a rule kind; use require, forbid, count, score or knows", strictyaml.Clip(r.Kind)), "rules", i, "kind")
		}
	}
	return v.problems
}

func (v *validator) filter(q *Questionnaire, f *Filter, path ...any) {
	at := func(field string, j int) []any { return append(append([]any{}, path...), field, j) }
	systems := map[string]bool{}
	for _, r := range q.Relationships {
		systems[r.System] = true
	}
	// Version 1 wrote power: true (any formal power relation) or false.
	if len(f.Power) == 1 && (f.Power[0] == "true" || f.Power[0] == "false") {
		if f.Power[0] == "true" {
			f.Power = []string{string(PowerOver), string(PowerUnder)}
		} else {
			f.Power = []string{string(PowerNone)}
		}
	}
	for j, s := range f.Power {
		if !validPower(s) {
			v.add(fmt.Sprintf("%q is not a power; use over, under or none", strictyaml.Clip(s)), at("power", j)...)
		}
	}
	for j, s := range f.Side {
		if !validSide(s) {
			v.add(fmt.Sprintf("%q is not a side; use internal or external", strictyaml.Clip(s)), at("side", j)...)
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
	if !utf8.ValidString(s) {
		v.add("not valid UTF-8 text (a !!binary value, or a file in another encoding); write plain text and save the file as UTF-8", path...)
		return
	}
	for _, r := range s {
		// A carriage return alone moves a terminal's cursor back over
		// the line; YAML turns real line breaks into \n.
		if newline && (r == '\n' || r == '\t') {
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

// IsCoreScore reports whether name is one of the core scores (or the
// sources they group under), as opposed to a Likert subscale.
func IsCoreScore(name string) bool { return name == ScoreSources || slices.Contains(CoreScores, name) }

// personWords checks the words of the answers to the per-person questions.
func (v *validator) personWords(q *Questionnaire) {
	p := q.Person
	if p.Rings != nil {
		for _, w := range []struct{ field, text string }{{"inner", p.Rings.Inner}, {"middle", p.Rings.Middle}, {"outer", p.Rings.Outer}} {
			v.answerWords(w.text, "person", "rings", w.field)
		}
	}
	if p.Frequencies != nil {
		f := p.Frequencies
		for _, w := range []struct{ field, text string }{{"weekly", f.Weekly}, {"monthly", f.Monthly}, {"quarterly", f.Quarterly}, {"rarely", f.Rarely}} {
			v.answerWords(w.text, "person", "frequencies", w.field)
		}
	}
	if p.CandourLevels != nil && len(p.CandourLevels) != MaxAnswer {
		v.add(fmt.Sprintf("%d levels; give exactly %d, from 1 (most guarded) to %d (completely unfiltered)", len(p.CandourLevels), MaxAnswer, MaxAnswer), "person", "candour_levels")
	}
	for i, w := range p.CandourLevels {
		v.answerWords(w, "person", "candour_levels", i)
	}
	v.text(p.CandourHelp, false, "person", "candour_help")
}

// answerWords checks the words of one answer: there, and plain text.
func (v *validator) answerWords(text string, path ...any) {
	if strings.TrimSpace(text) == "" {
		v.add("missing; the words shown for this answer", path...)
	}
	v.text(text, false, path...)
}

// wasPeer checks the was_peer questions.
func (v *validator) wasPeer(q *Questionnaire) {
	w := q.WasPeer
	if w == nil {
		return
	}
	if strings.TrimSpace(w.Promoted) == "" {
		v.add("missing; ask whether the leader was promoted from within", "was_peer", "promoted")
	}
	if strings.TrimSpace(w.FormerPeers) == "" {
		v.add("missing; ask which of the people offered were the leader's peers", "was_peer", "former_peers")
	}
	for _, t := range []struct {
		field, text string
		newline     bool
	}{{"promoted", w.Promoted, false}, {"promoted_help", w.PromotedHelp, true}, {"former_peers", w.FormerPeers, false}, {"help", w.Help, true}} {
		v.text(t.text, t.newline, "was_peer", t.field)
	}
	v.filter(q, &w.Among, "was_peer", "among")
	for _, k := range w.Among.Keys() {
		if k != KeySide && k != KeyPower && k != KeySystem && k != KeyRelationship {
			v.add("among can only test side, power, system and relationship: what a person is to the leader", "was_peer", "among", k)
		}
	}
}

// earlier checks what the questionnaire says about its earlier versions.
func (v *validator) earlier(q *Questionnaire) {
	seen := map[int]bool{}
	for i, e := range q.Earlier {
		if e.Version < 1 || e.Version >= q.Version {
			v.add(fmt.Sprintf("version %d is not an earlier version of this one (%d)", e.Version, q.Version), "earlier", i, "version")
		}
		if seen[e.Version] {
			v.add(fmt.Sprintf("version %d is given twice; keep one", e.Version), "earlier", i, "version")
		}
		seen[e.Version] = true
		for _, old := range sortedKeys(e.Relationships) {
			now := e.Relationships[old]
			if _, ok := q.Relationship(old); ok {
				v.add(fmt.Sprintf("%q is still a relationship of this version, so it needs no mapping", old), "earlier", i, "relationships", old)
			}
			if _, ok := q.Relationship(now.Relationship); !ok {
				v.add(fmt.Sprintf("%q is not a relationship this version defines; use one of %s", strictyaml.Clip(now.Relationship), q.relationshipIDs()), "earlier", i, "relationships", old, "relationship")
			}
		}
		for j, a := range e.NotAsked {
			if !slices.Contains(NotAskedAnswers, a) {
				v.add(fmt.Sprintf("%q is not an answer circle knows; the ones that can be new are %s", strictyaml.Clip(a), JoinAnd(NotAskedAnswers)), "earlier", i, "not_asked", j)
			}
		}
	}
}
