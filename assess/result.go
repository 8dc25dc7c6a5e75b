package assess

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/circle-cli/circle/assess/strictyaml"
)

// SchemaVersion is the version of the saved-result format this build
// writes. A result with a higher one was written by a newer circle.
//
// Version 2 added, per person, was_peer and power as over, under or none
// (version 1: true or false); per finding, its kind, the people it names
// and who almost counted; strengths; professional coverage per function;
// and the scores of questionnaire version 2. A version-1 result is
// migrated in memory when read (see migrate) and never rewritten.
const SchemaVersion = 2

// Result is one completed assessment as it is saved: the questionnaire it
// used, the full answers, and the computed scores and gaps, so that it stays
// readable however the questionnaire changes later.
type Result struct {
	SchemaVersion int              `yaml:"schema_version"`
	ID            string           `yaml:"id"`
	TakenAt       time.Time        `yaml:"taken_at"`
	Questionnaire QuestionnaireRef `yaml:"questionnaire"`
	People        []ResultPerson   `yaml:"people"`
	Scales        map[string]int   `yaml:"scales"`
	Calibration   *float64         `yaml:"calibration,omitempty"`
	Reflection    string           `yaml:"reflection,omitempty"`
	// Plan is the first step the leader chose for some of the open
	// findings; FollowUp what became of the steps of the plan before.
	// Both are absent from results taken before plans existed.
	Plan     []PlanStep `yaml:"plan,omitempty"`
	FollowUp []FollowUp `yaml:"followup,omitempty"`
	// TiesAsked is whether who-knows-whom was asked (questionnaire version
	// 3): without it, tie measures are null and Knows means nothing.
	TiesAsked   bool       `yaml:"ties_asked,omitempty"`
	Scores      Scores     `yaml:"scores"`
	NetworkType string     `yaml:"network_type"`
	Coverage    []Coverage `yaml:"coverage"`
	Findings    []Finding  `yaml:"gaps"`
	// Strengths are the require rules that held. Nil in a version-1
	// result, which did not record them.
	Strengths []Strength `yaml:"strengths"`
	// RulesChecked lists every gap rule the questionnaire had, open or not,
	// so that a comparison can tell a closed gap from a rule that a later
	// questionnaire version no longer has.
	RulesChecked []string `yaml:"rules_checked"`
}

// QuestionnaireRef names the questionnaire a result was taken with.
type QuestionnaireRef struct {
	ID      string `yaml:"id" json:"id"`
	Version int    `yaml:"version" json:"version"`
	Title   string `yaml:"title,omitempty" json:"-"`
}

// ResultPerson is a person as saved: the answers plus what the
// questionnaire said of their relationship, and their tie strength.
type ResultPerson struct {
	Name         string    `yaml:"name" json:"name"`
	Relationship string    `yaml:"relationship" json:"relationship"`
	WasPeer      bool      `yaml:"was_peer" json:"was_peer"`
	Side         Side      `yaml:"side" json:"side"`
	Power        Power     `yaml:"power" json:"power"`
	System       string    `yaml:"system" json:"system"`
	Ring         Ring      `yaml:"ring" json:"ring"`
	Frequency    Frequency `yaml:"frequency" json:"frequency"`
	Candour      int       `yaml:"candour" json:"candour"`
	Functions    []string  `yaml:"functions" json:"functions"`
	Strength     float64   `yaml:"strength" json:"strength"`
	// Knows lists the others in the circle this person knows, sorted;
	// absent when ties were not asked, or they know nobody here.
	Knows []string `yaml:"knows,omitempty" json:"knows,omitempty"`
}

// IDFormat is the layout of result ids: the UTC time taken, sortable and
// safe in a file name on every system.
const IDFormat = "2006-01-02T150405Z"

// NewResult scores answers that Check accepted and builds the result to
// save. takenAt is used when the answers do not carry their own time.
func NewResult(q *Questionnaire, a *Answers, takenAt time.Time) *Result {
	if !a.TakenAt.IsZero() {
		takenAt = a.TakenAt
	}
	takenAt = takenAt.UTC().Truncate(time.Second)
	o := Compute(q, a)
	r := &Result{
		SchemaVersion: SchemaVersion,
		ID:            takenAt.Format(IDFormat),
		TakenAt:       takenAt,
		Questionnaire: QuestionnaireRef{ID: q.ID, Version: q.Version, Title: q.Title},
		Scales:        a.Scales,
		Calibration:   a.Calibration,
		Reflection:    a.Reflection,
		Plan:          a.Plan,
		FollowUp:      a.FollowUp,
		TiesAsked:     a.TiesAsked,
		Scores:        o.Scores.Rounded(),
		NetworkType:   o.NetworkType,
		Coverage:      o.Coverage,
		Findings:      o.Findings,
		Strengths:     o.Strengths,
		RulesChecked:  []string{},
	}
	for _, rule := range q.Rules {
		r.RulesChecked = append(r.RulesChecked, rule.ID)
	}
	if r.Scales == nil {
		r.Scales = map[string]int{}
	}
	for _, p := range o.People {
		fns := p.Functions
		if fns == nil {
			fns = []string{}
		}
		r.People = append(r.People, ResultPerson{
			Name: p.Name, Relationship: p.Relationship, WasPeer: p.WasPeer, Side: p.Side, Power: p.Power, System: p.System,
			Ring: p.Ring, Frequency: p.Frequency, Candour: p.Candour, Functions: fns, Strength: Round3(p.Strength),
			Knows: p.Knows,
		})
	}
	if r.People == nil {
		r.People = []ResultPerson{}
	}
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	if r.Strengths == nil {
		r.Strengths = []Strength{}
	}
	return r
}

// Score returns a score's value, nil when it is null or absent.
func (r *Result) Score(name string) *float64 {
	v, _ := r.Scores.Get(name)
	return v
}

// ResultHeader and DraftHeader open every result and draft circle writes:
// the store deletes a file only when it starts so (and is named so).
const (
	ResultHeader = "# A circle result. Written by circle; keep it private.\n"
	DraftHeader  = "# An unfinished circle interview. `circle assess` resumes it.\n"
	// KeptDraftHeader opens a draft circle set aside that did not start
	// with DraftHeader (it was cut short or garbled); its bytes follow.
	KeptDraftHeader = "# A draft circle could not resume and kept for you; the bytes below are as they were.\n"
)

// Marshal renders the result as the YAML that is saved.
func (r *Result) Marshal() ([]byte, error) {
	var b strings.Builder
	b.WriteString(ResultHeader)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

// ParseResult reads a saved result strictly. file names it in messages. A
// result from a newer schema is refused with a message that says so, before
// anything else in it is read.
func ParseResult(file string, data []byte) (*Result, error) {
	root, problems := strictyaml.Parse(data)
	if problems != nil {
		return nil, &strictyaml.Error{File: file, Problems: problems}
	}
	var head struct {
		SchemaVersion *int `yaml:"schema_version"`
	}
	if root.Kind != yaml.MappingNode || root.Decode(&head) != nil || head.SchemaVersion == nil {
		return nil, strictyaml.Errorf(file, root.Line, "schema_version", "missing or not a number; this does not look like a circle result")
	}
	switch v := *head.SchemaVersion; {
	case v > SchemaVersion:
		return nil, strictyaml.Errorf(file, strictyaml.Line(root, "schema_version"), "schema_version",
			"%d is newer than this circle understands (%d); update circle to read this result", v, SchemaVersion)
	case v < 1:
		return nil, strictyaml.Errorf(file, strictyaml.Line(root, "schema_version"), "schema_version", "%d is not a schema version", v)
	}
	var r Result
	if problems := strictyaml.DecodeNode(root, &r); problems != nil {
		return nil, &strictyaml.Error{File: file, Problems: problems}
	}
	if problems := r.validate(root); problems != nil {
		return nil, &strictyaml.Error{File: file, Problems: problems}
	}
	r.migrate()
	return &r, nil
}

// migrate brings a result of an older schema up to this one in memory,
// keeping everything as it was saved: a version-1 person's power (true or
// false) becomes the direction the result's own questionnaire gives their
// relationship, or PowerFormal where circle does not know it (a custom
// questionnaire).
func (r *Result) migrate() {
	for i := range r.Findings {
		if r.Findings[i].Kind == KindRequire && r.Findings[i].Almost == nil {
			r.Findings[i].Almost = []Almost{}
		}
	}
	if r.SchemaVersion >= 2 {
		return
	}
	own := Builtin(r.Questionnaire.ID, r.Questionnaire.Version)
	for i := range r.People {
		p := &r.People[i]
		switch p.Power {
		case "false":
			p.Power = PowerNone
		case "true":
			p.Power = PowerFormal
			if own != nil {
				if rel, ok := own.Relationship(p.Relationship); ok && rel.Power.HasPower() {
					p.Power = rel.Power
				}
			}
		}
	}
}

// resultKeys are the keys circle always writes, at the top and for each
// person and gap. A file without one of them was cut off or edited by hand:
// reading it as if the value were zero would show a wrong history.
var (
	resultKeys = []string{"schema_version", "id", "taken_at", "questionnaire", "people", "scales", "scores", "network_type", "coverage", "gaps", "rules_checked"}
	personKeys = []string{"name", "relationship", "side", "power", "system", "ring", "frequency", "candour", "functions", "strength"}
	gapKeys    = []string{"id", "title", "severity", "advice", "placeholder"}

	// What schema version 2 added to each.
	resultKeys2 = []string{"strengths"}
	personKeys2 = []string{"was_peer"}
	gapKeys2    = []string{"kind", "people"}
)

// keysFor is the keys a result of schema version n always has.
func keysFor(n int, v1, v2 []string) []string {
	if n < 2 {
		return v1
	}
	return append(append([]string(nil), v1...), v2...)
}

// missingKeys reports, for a mapping node, each key of want it lacks.
func (v *validator) missingKeys(n *yaml.Node, want []string, path ...any) {
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	have := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		have[n.Content[i].Value] = true
	}
	for _, k := range want {
		if !have[k] {
			p := append(append([]any{}, path...), k)
			v.problems = append(v.problems, strictyaml.Problem{
				Line:  n.Line,
				Field: fieldPath(p),
				Msg:   "missing; circle always writes it, so the file was cut short or edited by hand",
			})
		}
	}
}

// child returns the value of key in a mapping node, or nil.
func child(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// validate checks what other commands rely on, so that a hand-edited or
// truncated result is refused with a message instead of drawn wrongly.
func (r *Result) validate(root *yaml.Node) []strictyaml.Problem {
	v := validator{root: root}
	n := r.SchemaVersion
	v.missingKeys(root, keysFor(n, resultKeys, resultKeys2))
	if people := child(root, "people"); people != nil && people.Kind == yaml.SequenceNode {
		for i, p := range people.Content {
			v.missingKeys(p, keysFor(n, personKeys, personKeys2), "people", i)
		}
	}
	if gaps := child(root, "gaps"); gaps != nil && gaps.Kind == yaml.SequenceNode {
		for i, g := range gaps.Content {
			v.missingKeys(g, keysFor(n, gapKeys, gapKeys2), "gaps", i)
		}
	}
	if len(v.problems) > 0 {
		// The values below would only repeat what is missing.
		return v.problems
	}
	switch {
	case r.TakenAt.IsZero():
		v.add("missing; the time the assessment was taken, such as 2026-09-30T10:00:00Z", "taken_at")
	case r.TakenAt.Before(EarliestTakenAt):
		v.add(fmt.Sprintf("%s is before %d; circle never writes it, so the file was edited by hand", r.TakenAt.Format(time.RFC3339), EarliestTakenAt.Year()), "taken_at")
	}
	if r.Questionnaire.ID == "" {
		v.add("missing; the questionnaire's id", "questionnaire", "id")
	}
	if r.NetworkType != "" && r.NetworkType != NetworkEntrepreneurial && r.NetworkType != NetworkOpportunistic &&
		r.NetworkType != NetworkTraditional && r.NetworkType != NetworkReceptive {
		v.add(fmt.Sprintf("%q is not a network type", strictyaml.Clip(r.NetworkType)), "network_type")
	}
	// Ids from the questionnaire are shown on the terminal and in maps:
	// anything but an id here was not written by circle.
	if r.Questionnaire.ID != "" && !idRE.MatchString(r.Questionnaire.ID) {
		v.add("not a questionnaire id", "questionnaire", "id")
	}
	v.scores(r)
	for i, c := range r.Coverage {
		if !idRE.MatchString(c.Function) {
			v.add("not a function id", "coverage", i, "function")
		}
		v.text(c.Label, false, "coverage", i, "label")
	}
	for _, id := range sortedKeys(r.Scales) {
		if a := r.Scales[id]; a < MinAnswer || a > MaxAnswer {
			v.add(fmt.Sprintf("%d is out of range 1 to 5", a), "scales", id)
		}
	}
	if c := r.Calibration; c != nil && (*c < 0 || *c > 100) {
		v.add(fmt.Sprintf("%g is out of range 0 to 100 (a percentage)", *c), "calibration")
	}
	v.text(r.Reflection, true, "reflection")
	for i, s := range r.Plan {
		if !idRE.MatchString(s.Finding) {
			v.add("not a finding id", "plan", i, "finding")
		}
		v.text(s.Step, false, "plan", i, "step")
	}
	for i, f := range r.FollowUp {
		if !idRE.MatchString(f.Finding) {
			v.add("not a finding id", "followup", i, "finding")
		}
		if !slices.Contains(FollowUpStatuses, f.Status) {
			v.add(fmt.Sprintf("%q is not a status; use %s", strictyaml.Clip(f.Status), quoteList(FollowUpStatuses)), "followup", i, "status")
		}
		v.text(f.Step, false, "followup", i, "step")
		if f.Planned != "" && !resultIDRE.MatchString(f.Planned) {
			v.add("not a result id", "followup", i, "planned")
		}
	}
	v.text(r.Questionnaire.Title, false, "questionnaire", "title")
	for i, g := range r.RulesChecked {
		if !idRE.MatchString(g) {
			v.add("not a rule id", "rules_checked", i)
		}
	}
	if len(r.People) > MaxPeople {
		v.add(fmt.Sprintf("%d people; circle saves at most %d, so the file was edited by hand", len(r.People), MaxPeople), "people")
		return v.problems
	}
	names := map[string]bool{}
	for i, p := range r.People {
		names[p.Name] = true
		switch {
		case strings.TrimSpace(p.Name) == "":
			v.add("missing", "people", i, "name")
		case !utf8.ValidString(p.Name):
			v.add("not valid UTF-8 text; circle writes names as plain text", "people", i, "name")
		case HasControl(p.Name):
			v.add("holds a control character or escape sequence; circle writes names as plain text", "people", i, "name")
		}
		for j, f := range p.Functions {
			if !idRE.MatchString(f) {
				v.add("not a function id", "people", i, "functions", j)
			}
		}
		if !idRE.MatchString(p.Relationship) {
			v.add("not a relationship id", "people", i, "relationship")
		}
		if !idRE.MatchString(p.System) {
			v.add("not a system id", "people", i, "system")
		}
		if !validSide(string(p.Side)) {
			v.add(fmt.Sprintf("%q is not a side; use internal or external", strictyaml.Clip(string(p.Side))), "people", i, "side")
		}
		if !validRing(string(p.Ring)) {
			v.add(fmt.Sprintf("%q is not a ring; use inner, middle or outer", strictyaml.Clip(string(p.Ring))), "people", i, "ring")
		}
		if !validFrequency(string(p.Frequency)) {
			v.add(fmt.Sprintf("%q is not a frequency; use %s", strictyaml.Clip(string(p.Frequency)), quoteList(Frequencies)), "people", i, "frequency")
		}
		if p.Candour < MinAnswer || p.Candour > MaxAnswer {
			v.add(fmt.Sprintf("%d is out of range 1 to 5", p.Candour), "people", i, "candour")
		}
		if p.Strength < 0 || p.Strength > 1 {
			v.add(fmt.Sprintf("%g is out of range 0 to 1", p.Strength), "people", i, "strength")
		}
		switch {
		case n < 2 && p.Power != "true" && p.Power != "false":
			v.add(fmt.Sprintf("%q is not a power; a version-1 result says true or false", strictyaml.Clip(string(p.Power))), "people", i, "power")
		case n >= 2 && !validPower(string(p.Power)):
			v.add(fmt.Sprintf("%q is not a power; use over, under or none", strictyaml.Clip(string(p.Power))), "people", i, "power")
		}
		if p.WasPeer && p.Side == External {
			v.add("true for someone outside the organization; only an internal person can have been your peer", "people", i, "was_peer")
		}
	}
	v.ownIDs(r)
	v.checkKnows(r, names)
	// A finding names only people in the circle, and its words are plain
	// text: both are shown as they are.
	inCircle := func(name string, path ...any) {
		if !names[name] {
			v.add("names someone who is not in this result's people", path...)
		}
	}
	for i, g := range r.Findings {
		if !idRE.MatchString(g.ID) {
			v.add("missing or not a rule id", "gaps", i, "id")
		}
		v.text(g.Title, false, "gaps", i, "title")
		v.text(g.Advice, true, "gaps", i, "advice")
		for j, name := range g.People {
			inCircle(name, "gaps", i, "people", j)
		}
		for j, a := range g.Almost {
			inCircle(a.Name, "gaps", i, "almost", j, "name")
			v.text(a.Text, false, "gaps", i, "almost", j, "text")
		}
		for j, p := range g.Pairs {
			inCircle(p.Name, "gaps", i, "pairs", j, "name")
			inCircle(p.Knows, "gaps", i, "pairs", j, "knows")
			v.text(p.Text, false, "gaps", i, "pairs", j, "text")
		}
		if g.Severity != SeverityGap && g.Severity != SeverityWarning {
			v.add(fmt.Sprintf("%q is not a severity; use gap or warning", strictyaml.Clip(g.Severity)), "gaps", i, "severity")
		}
		if !validSide(string(g.Placeholder.Side)) || !validRing(string(g.Placeholder.Ring)) {
			v.add("needs a side (internal, external) and a ring (inner, middle, outer)", "gaps", i, "placeholder")
		}
		if g.Kind != "" && (&Rule{Kind: g.Kind}).kind() == nil {
			v.add(fmt.Sprintf("%q is not a rule kind", strictyaml.Clip(g.Kind)), "gaps", i, "kind")
		}
		for j, a := range g.Almost {
			for k, key := range a.Unmet {
				if !slices.Contains(FilterKeys, key) {
					v.add(fmt.Sprintf("%q is not a filter key", strictyaml.Clip(key)), "gaps", i, "almost", j, "unmet", k)
				}
			}
		}
	}
	for i, s := range r.Strengths {
		if !idRE.MatchString(s.ID) {
			v.add("missing or not a rule id", "strengths", i, "id")
		}
		v.text(s.Text, false, "strengths", i, "text")
		for j, name := range s.People {
			inCircle(name, "strengths", i, "people", j)
		}
	}
	return v.problems
}

// scores checks each saved score: a known name, once, a value inside the
// range DESIGN.md's scoring table gives it (see ScoreRange). A score
// outside its range was edited by hand, and would draw a bar of negative
// width or a chart off its axis.
func (v *validator) scores(r *Result) {
	seen := map[string]bool{}
	for _, sc := range r.Scores {
		path := append([]any{"scores"}, scorePath(sc.Name)...)
		lo, hi, ok := ScoreRange(sc.Name, len(r.People))
		switch {
		case !scoreNameRE.MatchString(sc.Name):
			v.add(fmt.Sprintf("%q is not a score name", strictyaml.Clip(sc.Name)), path...)
			continue
		case !ok:
			v.add("not a score; the sources are "+JoinAnd(SourceParts), path...)
			continue
		case seen[sc.Name]:
			v.add("given twice", path...)
			continue
		}
		seen[sc.Name] = true
		if sc.Value == nil {
			continue
		}
		x := *sc.Value
		switch {
		case x < lo || x > hi:
			v.add(fmt.Sprintf("%g is out of range %s to %s; circle never writes it, so the file was edited by hand", x, strconv.FormatFloat(lo, 'g', -1, 64), strconv.FormatFloat(hi, 'g', -1, 64)), path...)
		case sc.Name == ScoreOutsideConfidants && x != math.Trunc(x):
			v.add(fmt.Sprintf("%g is not a whole number of people", x), path...)
		}
	}
}

// scorePath is a score's path under scores: sources.inside is nested.
func scorePath(name string) []any {
	var p []any
	for _, part := range strings.Split(name, ".") {
		p = append(p, part)
	}
	return p
}

// BalanceWords puts a balance in words, as DESIGN.md defines them.
func BalanceWords(b *float64) string {
	switch {
	case b == nil:
		return "no one named yet"
	case *b <= -0.33:
		return "leans inside"
	case *b >= 0.33:
		return "leans outside"
	}
	return "balanced"
}

// ownIDs checks the ids a result uses against its own questionnaire
// version, never against today's: a relationship, function or statement
// that version did not have was not written by circle. A result of a
// questionnaire circle does not carry (a custom one) is not checked.
func (v *validator) ownIDs(r *Result) {
	q := Builtin(r.Questionnaire.ID, r.Questionnaire.Version)
	if q == nil {
		return
	}
	for i, p := range r.People {
		if _, ok := q.Relationship(p.Relationship); !ok && idRE.MatchString(p.Relationship) {
			v.add(fmt.Sprintf("%q is not a relationship of %s version %d", p.Relationship, q.ID, q.Version), "people", i, "relationship")
		}
		for j, f := range p.Functions {
			if !q.HasFunction(f) {
				v.add(fmt.Sprintf("%q is not a function of %s version %d", strictyaml.Clip(f), q.ID, q.Version), "people", i, "functions", j)
			}
		}
	}
	items := map[string]bool{}
	for _, it := range q.Likert.Items {
		items[it.ID] = true
	}
	for _, id := range sortedKeys(r.Scales) {
		if !items[id] {
			v.add(fmt.Sprintf("not a statement of %s version %d", q.ID, q.Version), "scales", id)
		}
	}
}
