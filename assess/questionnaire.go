package assess

import "github.com/circle-cli/circle/assess/strictyaml"

// Questionnaire is one versioned assessment definition, as written in YAML.
// Everything a leader is asked, and every gap rule, lives here, so that a
// custom questionnaire brings its own words and its own rules.
type Questionnaire struct {
	ID      string `yaml:"id" json:"id"`
	Version int    `yaml:"version" json:"version"`
	Title   string `yaml:"title" json:"title"`
	// Intro is shown before the first question: why, how long, and that
	// everything stays on this machine.
	Intro string `yaml:"intro" json:"intro"`

	Relationships []Relationship `yaml:"relationships" json:"relationships"`
	Functions     []Function     `yaml:"functions" json:"functions"`
	Generators    []Generator    `yaml:"generators" json:"generators"`
	Person        PersonPrompts  `yaml:"person" json:"person"`
	Likert        Likert         `yaml:"likert" json:"likert"`
	Calibration   Prompt         `yaml:"calibration" json:"calibration"`
	Reflection    Prompt         `yaml:"reflection" json:"reflection"`
	Rules         []Rule         `yaml:"rules" json:"rules"`
}

// Relationship is a type of tie: what a person is to the leader.
type Relationship struct {
	ID     string `yaml:"id" json:"id"`
	Label  string `yaml:"label" json:"label"`
	Side   Side   `yaml:"side" json:"side"`
	Power  bool   `yaml:"power" json:"power"`
	System string `yaml:"system" json:"system"`
}

// Function is one kind of support a person can give.
type Function struct {
	ID    string `yaml:"id" json:"id"`
	Label string `yaml:"label" json:"label"`
}

// Generator is a name generator: a question that asks for people. Everyone
// named in answer to it is taken to serve its functions (a suggestion the
// leader can change later).
type Generator struct {
	ID        string   `yaml:"id" json:"id"`
	Question  string   `yaml:"question" json:"question"`
	Help      string   `yaml:"help,omitempty" json:"help,omitempty"`
	Functions []string `yaml:"functions,omitempty" json:"functions,omitempty"`
}

// PersonPrompts are the questions asked about each person; "{name}" in a
// prompt is replaced by the person's name.
type PersonPrompts struct {
	Intro        string `yaml:"intro,omitempty" json:"intro,omitempty"`
	Relationship string `yaml:"relationship" json:"relationship"`
	Ring         string `yaml:"ring" json:"ring"`
	Frequency    string `yaml:"frequency" json:"frequency"`
	Candour      string `yaml:"candour" json:"candour"`
	Functions    string `yaml:"functions" json:"functions"`
}

// Likert is the block of agree/disagree statements.
type Likert struct {
	Intro string       `yaml:"intro,omitempty" json:"intro,omitempty"`
	Items []LikertItem `yaml:"items" json:"items"`
}

// LikertItem is one statement, answered 1 (strongly disagree) to 5
// (strongly agree). A reverse item counts as 6 minus the answer, so that a
// high subscale score always means more of what the subscale names.
type LikertItem struct {
	ID       string `yaml:"id" json:"id"`
	Text     string `yaml:"text" json:"text"`
	Subscale string `yaml:"subscale" json:"subscale"`
	Reverse  bool   `yaml:"reverse" json:"reverse"`
}

// Prompt is a single free-standing question.
type Prompt struct {
	Question string `yaml:"question" json:"question"`
	Help     string `yaml:"help,omitempty" json:"help,omitempty"`
}

// Rule kinds.
const (
	KindRequire = "require"
	KindForbid  = "forbid"
	KindScore   = "score"
)

// Severities, most serious first.
const (
	SeverityGap     = "gap"
	SeverityWarning = "warning"
)

// Rule is a declarative gap rule.
//
//   - require: a finding when fewer than MinCount (default 1) people match.
//   - forbid: a finding when any person matches.
//   - score: a finding when the named score is above Above or below Below
//     (strictly); a null score never fires.
type Rule struct {
	ID          string    `yaml:"id" json:"id"`
	Kind        string    `yaml:"kind" json:"kind"`
	Title       string    `yaml:"title" json:"title"`
	Severity    string    `yaml:"severity" json:"severity"`
	Advice      string    `yaml:"advice" json:"advice"`
	MinCount    *int      `yaml:"min_count,omitempty" json:"min_count,omitempty"`
	Match       *Filter   `yaml:"match,omitempty" json:"match,omitempty"`
	Score       string    `yaml:"score,omitempty" json:"score,omitempty"`
	Above       *float64  `yaml:"above,omitempty" json:"above,omitempty"`
	Below       *float64  `yaml:"below,omitempty" json:"below,omitempty"`
	Placeholder Placement `yaml:"placeholder" json:"placeholder"`
}

// Filter selects people. Every field that is set must hold; a list field
// holds when the person's value is any of the listed ones.
type Filter struct {
	Side         strictyaml.Strings `yaml:"side,omitempty" json:"side,omitempty"`
	Power        *bool              `yaml:"power,omitempty" json:"power,omitempty"`
	System       strictyaml.Strings `yaml:"system,omitempty" json:"system,omitempty"`
	Relationship strictyaml.Strings `yaml:"relationship,omitempty" json:"relationship,omitempty"`
	Ring         strictyaml.Strings `yaml:"ring,omitempty" json:"ring,omitempty"`
	CandourMin   *int               `yaml:"candour_min,omitempty" json:"candour_min,omitempty"`
	Frequency    strictyaml.Strings `yaml:"frequency,omitempty" json:"frequency,omitempty"`
	FunctionsAny strictyaml.Strings `yaml:"functions_any,omitempty" json:"functions_any,omitempty"`
}

// Placement is where a gap's placeholder sits on the map.
type Placement struct {
	Side Side `yaml:"side" json:"side"`
	Ring Ring `yaml:"ring" json:"ring"`
}

// Relationship returns the relationship type with the given id.
func (q *Questionnaire) Relationship(id string) (Relationship, bool) {
	for _, r := range q.Relationships {
		if r.ID == id {
			return r, true
		}
	}
	return Relationship{}, false
}

// HasFunction reports whether the questionnaire defines the function id.
func (q *Questionnaire) HasFunction(id string) bool {
	for _, f := range q.Functions {
		if f.ID == id {
			return true
		}
	}
	return false
}

// FunctionLabel returns a function's label, or its id when it has none.
func (q *Questionnaire) FunctionLabel(id string) string {
	for _, f := range q.Functions {
		if f.ID == id && f.Label != "" {
			return f.Label
		}
	}
	return id
}

// Subscales lists the Likert subscales in the order their first item appears.
func (q *Questionnaire) Subscales() []string {
	var names []string
	seen := map[string]bool{}
	for _, it := range q.Likert.Items {
		if !seen[it.Subscale] {
			seen[it.Subscale] = true
			names = append(names, it.Subscale)
		}
	}
	return names
}

// ScoreNames lists every score this questionnaire produces: the core
// scores, then one per subscale.
func (q *Questionnaire) ScoreNames() []string {
	return append(append([]string(nil), CoreScores...), q.Subscales()...)
}
