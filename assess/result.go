package assess

import (
	"fmt"
	"strings"
	"time"

	"github.com/circle-cli/circle/assess/strictyaml"
	"gopkg.in/yaml.v3"
)

// SchemaVersion is the version of the saved-result format this build
// writes. A result with a higher one was written by a newer circle.
const SchemaVersion = 1

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
	Scores        Scores           `yaml:"scores"`
	NetworkType   string           `yaml:"network_type"`
	Coverage      []Coverage       `yaml:"coverage"`
	Findings      []Finding        `yaml:"gaps"`
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
	Side         Side      `yaml:"side" json:"side"`
	Power        bool      `yaml:"power" json:"power"`
	System       string    `yaml:"system" json:"system"`
	Ring         Ring      `yaml:"ring" json:"ring"`
	Frequency    Frequency `yaml:"frequency" json:"frequency"`
	Candour      int       `yaml:"candour" json:"candour"`
	Functions    []string  `yaml:"functions" json:"functions"`
	Strength     float64   `yaml:"strength" json:"strength"`
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
		Scores:        o.Scores.Rounded(),
		NetworkType:   o.NetworkType,
		Coverage:      o.Coverage,
		Findings:      o.Findings,
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
			Name: p.Name, Relationship: p.Relationship, Side: p.Side, Power: p.Power, System: p.System,
			Ring: p.Ring, Frequency: p.Frequency, Candour: p.Candour, Functions: fns, Strength: Round3(p.Strength),
		})
	}
	if r.People == nil {
		r.People = []ResultPerson{}
	}
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	return r
}

// Score returns a score's value, nil when it is null or absent.
func (r *Result) Score(name string) *float64 {
	v, _ := r.Scores.Get(name)
	return v
}

// Marshal renders the result as the YAML that is saved.
func (r *Result) Marshal() ([]byte, error) {
	var b strings.Builder
	b.WriteString("# A circle result. Written by circle; keep it private.\n")
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
	return &r, nil
}

// resultKeys are the keys circle always writes, at the top and for each
// person and gap. A file without one of them was cut off or edited by hand:
// reading it as if the value were zero would show a wrong history.
var (
	resultKeys = []string{"schema_version", "id", "taken_at", "questionnaire", "people", "scales", "scores", "network_type", "coverage", "gaps", "rules_checked"}
	personKeys = []string{"name", "relationship", "side", "power", "system", "ring", "frequency", "candour", "functions", "strength"}
	gapKeys    = []string{"id", "title", "severity", "advice", "placeholder"}
)

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
	v.missingKeys(root, resultKeys)
	if people := child(root, "people"); people != nil && people.Kind == yaml.SequenceNode {
		for i, p := range people.Content {
			v.missingKeys(p, personKeys, "people", i)
		}
	}
	if gaps := child(root, "gaps"); gaps != nil && gaps.Kind == yaml.SequenceNode {
		for i, g := range gaps.Content {
			v.missingKeys(g, gapKeys, "gaps", i)
		}
	}
	if len(v.problems) > 0 {
		// The values below would only repeat what is missing.
		return v.problems
	}
	if r.TakenAt.IsZero() {
		v.add("missing; the time the assessment was taken, such as 2026-09-30T10:00:00Z", "taken_at")
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
	for _, s := range r.Scores {
		if !subscaleRE.MatchString(s.Name) {
			v.add(fmt.Sprintf("%q is not a score name", strictyaml.Clip(s.Name)), "scores", s.Name)
		}
	}
	for i, c := range r.Coverage {
		if !idRE.MatchString(c.Function) {
			v.add("not a function id", "coverage", i, "function")
		}
	}
	for i, g := range r.RulesChecked {
		if !idRE.MatchString(g) {
			v.add("not a rule id", "rules_checked", i)
		}
	}
	for i, p := range r.People {
		if strings.TrimSpace(p.Name) == "" {
			v.add("missing", "people", i, "name")
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
	}
	for i, g := range r.Findings {
		if !idRE.MatchString(g.ID) {
			v.add("missing or not a rule id", "gaps", i, "id")
		}
		if g.Severity != SeverityGap && g.Severity != SeverityWarning {
			v.add(fmt.Sprintf("%q is not a severity; use gap or warning", strictyaml.Clip(g.Severity)), "gaps", i, "severity")
		}
		if !validSide(string(g.Placeholder.Side)) || !validRing(string(g.Placeholder.Ring)) {
			v.add("needs a side (internal, external) and a ring (inner, middle, outer)", "gaps", i, "placeholder")
		}
	}
	return v.problems
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
