package assess

import "github.com/circle-cli/circle/assess/strictyaml"

// Questionnaire is one versioned assessment definition, as written in YAML.
// Everything a leader is asked, and every rule with every word its findings
// show, lives here, so that a custom questionnaire brings its own words and
// its own rules.
type Questionnaire struct {
	ID      string `yaml:"id" json:"id"`
	Version int    `yaml:"version" json:"version"`
	Title   string `yaml:"title" json:"title"`
	// Intro is shown before the first question: why, how long, and that
	// everything stays on this machine.
	Intro string `yaml:"intro" json:"intro"`
	// RerunIntro replaces Intro when the interview starts from an earlier
	// result: what a re-run asks, and how long it takes. Optional.
	RerunIntro string `yaml:"rerun_intro,omitempty" json:"rerun_intro,omitempty"`

	Relationships []Relationship `yaml:"relationships" json:"relationships"`
	Functions     []Function     `yaml:"functions" json:"functions"`
	Generators    []Generator    `yaml:"generators" json:"generators"`
	Person        PersonPrompts  `yaml:"person" json:"person"`
	// WasPeer asks whether the leader was promoted from within, and who
	// among their people used to be their peer. Optional: a questionnaire
	// without it never asks, and nobody is a former peer.
	WasPeer *WasPeerPrompts `yaml:"was_peer,omitempty" json:"was_peer,omitempty"`
	// Ties asks who knows whom among the people (version 3 of the default
	// questionnaire). Optional: the interview of a questionnaire without
	// it never asks, and the tie measures of its results are null unless
	// an answers file gives knows.
	Ties        *TiesPrompts `yaml:"ties,omitempty" json:"ties,omitempty"`
	Likert      Likert       `yaml:"likert" json:"likert"`
	Calibration Prompt       `yaml:"calibration" json:"calibration"`
	Reflection  Prompt       `yaml:"reflection" json:"reflection"`
	Rules       []Rule       `yaml:"rules" json:"rules"`
	// Earlier says how answers given to earlier versions of this
	// questionnaire read in this one.
	Earlier []EarlierVersion `yaml:"earlier,omitempty" json:"earlier,omitempty"`
}

// Relationship is a type of tie: what a person is to the leader.
type Relationship struct {
	ID     string `yaml:"id" json:"id"`
	Label  string `yaml:"label" json:"label"`
	Side   Side   `yaml:"side" json:"side"`
	Power  Power  `yaml:"power" json:"power"`
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
// prompt is replaced by the person's name. The words of the answers (Rings,
// Frequencies, CandourLevels) are optional: a questionnaire without them
// uses the default questionnaire's.
type PersonPrompts struct {
	Intro        string `yaml:"intro,omitempty" json:"intro,omitempty"`
	Relationship string `yaml:"relationship" json:"relationship"`
	Ring         string `yaml:"ring" json:"ring"`
	Frequency    string `yaml:"frequency" json:"frequency"`
	Candour      string `yaml:"candour" json:"candour"`
	// CandourHelp is shown beside the candour question.
	CandourHelp string `yaml:"candour_help,omitempty" json:"candour_help,omitempty"`
	Functions   string `yaml:"functions" json:"functions"`

	Rings         *RingWords      `yaml:"rings,omitempty" json:"rings,omitempty"`
	Frequencies   *FrequencyWords `yaml:"frequencies,omitempty" json:"frequencies,omitempty"`
	CandourLevels []string        `yaml:"candour_levels,omitempty" json:"candour_levels,omitempty"`
}

// RingWords are the answers to the ring question.
type RingWords struct {
	Inner  string `yaml:"inner" json:"inner"`
	Middle string `yaml:"middle" json:"middle"`
	Outer  string `yaml:"outer" json:"outer"`
}

// FrequencyWords are the answers to the frequency question: bands of
// conversations a year that cover the whole year.
type FrequencyWords struct {
	Weekly    string `yaml:"weekly" json:"weekly"`
	Monthly   string `yaml:"monthly" json:"monthly"`
	Quarterly string `yaml:"quarterly" json:"quarterly"`
	Rarely    string `yaml:"rarely" json:"rarely"`
}

// WasPeerPrompts are the two was_peer questions: asked once, and only of a
// leader promoted from within.
type WasPeerPrompts struct {
	Promoted     string `yaml:"promoted" json:"promoted"`
	PromotedHelp string `yaml:"promoted_help,omitempty" json:"promoted_help,omitempty"`
	FormerPeers  string `yaml:"former_peers" json:"former_peers"`
	Help         string `yaml:"help,omitempty" json:"help,omitempty"`
	// Among selects the people offered as possible former peers; it may
	// only test side, power, system and relationship.
	Among Filter `yaml:"among" json:"among"`
}

// TiesPrompts are the words of the question who knows whom: asked once
// per person, after the questions about each person, of a circle of two
// or more. "{name}" in them is the person asked about.
type TiesPrompts struct {
	Question string `yaml:"question" json:"question"`
	Help     string `yaml:"help,omitempty" json:"help,omitempty"`
}

// Likert is the block of agree/disagree statements.
type Likert struct {
	Intro string `yaml:"intro,omitempty" json:"intro,omitempty"`
	// Subscales give each subscale its label and its meaning in words.
	Subscales []Subscale   `yaml:"subscales,omitempty" json:"subscales,omitempty"`
	Items     []LikertItem `yaml:"items" json:"items"`
}

// Subscale is the words for one Likert subscale.
type Subscale struct {
	ID      string `yaml:"id" json:"id"`
	Label   string `yaml:"label" json:"label"`
	Meaning string `yaml:"meaning" json:"meaning"`
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

// EarlierVersion says how the answers given to one earlier version read
// in this one.
type EarlierVersion struct {
	Version int `yaml:"version" json:"version"`
	// Relationships maps a relationship id of that version that this one
	// no longer has to what it is now.
	Relationships map[string]RelationshipNow `yaml:"relationships,omitempty" json:"relationships,omitempty"`
	// NotAsked lists the answers that version never asked (was_peer,
	// knows): a finding that depends on one is new to a comparison
	// across the versions, never opened or closed.
	NotAsked []string `yaml:"not_asked,omitempty" json:"not_asked,omitempty"`
}

// RelationshipNow is what an earlier relationship id becomes.
type RelationshipNow struct {
	Relationship string `yaml:"relationship" json:"relationship"`
	WasPeer      bool   `yaml:"was_peer,omitempty" json:"was_peer,omitempty"`
}

// Rule kinds.
const (
	KindRequire = "require"
	KindForbid  = "forbid"
	KindCount   = "count"
	KindScore   = "score"
	KindKnows   = "knows"
)

// Severities, most serious first.
const (
	SeverityGap     = "gap"
	SeverityWarning = "warning"
)

// Rule is a declarative rule; its findings are gaps or warnings.
//
//   - require: fires when fewer than MinCount (default 1) people match.
//   - forbid: fires when any person matches.
//   - count: fires when the number of people who match lies within Count.
//   - score: fires when the named score is above Above or below Below
//     (strictly), or at least AtLeast or at most AtMost (inclusively); a
//     null score never fires, nor a circle of fewer than MinPeople.
//   - knows: fires when someone who matches Match knows someone who
//     matches Knows (who knows whom, questionnaire version 3); Pair says
//     each such tie.
type Rule struct {
	ID       string      `yaml:"id" json:"id"`
	Kind     string      `yaml:"kind" json:"kind"`
	Title    string      `yaml:"title" json:"title"`
	Severity string      `yaml:"severity" json:"severity"`
	Advice   string      `yaml:"advice" json:"advice"`
	MinCount *int        `yaml:"min_count,omitempty" json:"min_count,omitempty"`
	Match    *Filter     `yaml:"match,omitempty" json:"match,omitempty"`
	Count    *CountRange `yaml:"count,omitempty" json:"count,omitempty"`
	// Almost, for a require rule, names the filter keys a person may miss
	// and still be told about ("almost counted"), each with the words for
	// what is missing.
	Almost *AlmostWords `yaml:"almost,omitempty" json:"almost,omitempty"`
	// Knows, for a knows rule, is whom someone who matches Match must
	// know for the rule to fire; Pair is the words for each such tie.
	Knows *Filter    `yaml:"knows,omitempty" json:"knows,omitempty"`
	Pair  *PairWords `yaml:"pair,omitempty" json:"pair,omitempty"`
	// Strength, for a require rule, is said when the rule holds, with
	// {names} for the people who satisfy it.
	Strength string `yaml:"strength,omitempty" json:"strength,omitempty"`
	// Steps are two to four concrete first steps to suggest when the
	// finding is open; the leader may take one, or write their own.
	Steps     []string `yaml:"steps,omitempty" json:"steps,omitempty"`
	Score     string   `yaml:"score,omitempty" json:"score,omitempty"`
	Above     *float64 `yaml:"above,omitempty" json:"above,omitempty"`
	Below     *float64 `yaml:"below,omitempty" json:"below,omitempty"`
	AtLeast   *float64 `yaml:"at_least,omitempty" json:"at_least,omitempty"`
	AtMost    *float64 `yaml:"at_most,omitempty" json:"at_most,omitempty"`
	MinPeople *int     `yaml:"min_people,omitempty" json:"min_people,omitempty"`
	// Placeholder is where a gap's dashed placeholder sits on the map. A
	// warning sits beside the people it names; one that names nobody is
	// listed under the map's title.
	Placeholder Placement `yaml:"placeholder" json:"placeholder"`
}

// CountRange bounds a count rule; either end may be left out.
type CountRange struct {
	Min *int `yaml:"min,omitempty" json:"min,omitempty"`
	Max *int `yaml:"max,omitempty" json:"max,omitempty"`
}

// Filter selects people. Every field that is set must hold; a list field
// holds when the person's value is any of the listed ones. The keys, in
// the order findings list them, are FilterKeys.
type Filter struct {
	Side strictyaml.Strings `yaml:"side,omitempty" json:"side,omitempty"`
	// Power lists over, under and none. Version 1's true and false are
	// read as [over, under] and [none].
	Power        strictyaml.Strings `yaml:"power,omitempty" json:"power,omitempty"`
	System       strictyaml.Strings `yaml:"system,omitempty" json:"system,omitempty"`
	Relationship strictyaml.Strings `yaml:"relationship,omitempty" json:"relationship,omitempty"`
	WasPeer      *bool              `yaml:"was_peer,omitempty" json:"was_peer,omitempty"`
	Ring         strictyaml.Strings `yaml:"ring,omitempty" json:"ring,omitempty"`
	CandourMin   *int               `yaml:"candour_min,omitempty" json:"candour_min,omitempty"`
	Frequency    strictyaml.Strings `yaml:"frequency,omitempty" json:"frequency,omitempty"`
	FunctionsAny strictyaml.Strings `yaml:"functions_any,omitempty" json:"functions_any,omitempty"`
}

// AlmostWords are a require rule's words for people who almost count:
// Lead says what the person is ("{name} is someone you think out loud
// with"), and each key the rule lists says what is missing, as one text or
// one per value of the person's answer (with "other" for the rest).
type AlmostWords struct {
	Lead         string           `yaml:"lead,omitempty" json:"lead,omitempty"`
	Side         strictyaml.Words `yaml:"side,omitempty" json:"side,omitempty"`
	Power        strictyaml.Words `yaml:"power,omitempty" json:"power,omitempty"`
	System       strictyaml.Words `yaml:"system,omitempty" json:"system,omitempty"`
	Relationship strictyaml.Words `yaml:"relationship,omitempty" json:"relationship,omitempty"`
	WasPeer      strictyaml.Words `yaml:"was_peer,omitempty" json:"was_peer,omitempty"`
	Ring         strictyaml.Words `yaml:"ring,omitempty" json:"ring,omitempty"`
	CandourMin   strictyaml.Words `yaml:"candour_min,omitempty" json:"candour_min,omitempty"`
	Frequency    strictyaml.Words `yaml:"frequency,omitempty" json:"frequency,omitempty"`
	FunctionsAny strictyaml.Words `yaml:"functions_any,omitempty" json:"functions_any,omitempty"`
}

// PairWords are a knows rule's words for each tie it finds. Text says it,
// with {name} for the person the rule names and {knows} for whom they
// know (both filled in when shown), and {name_role} and {knows_role} for
// what each is to the leader, in the words Roles gives their relationship
// (one text, or one per relationship id, with other for the rest).
type PairWords struct {
	Text  string           `yaml:"text" json:"text"`
	Roles strictyaml.Words `yaml:"roles,omitempty" json:"roles,omitempty"`
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

// Subscale returns the words for a subscale; ok is false when the
// questionnaire gives none.
func (q *Questionnaire) Subscale(id string) (Subscale, bool) {
	for _, s := range q.Likert.Subscales {
		if s.ID == id {
			return s, true
		}
	}
	return Subscale{}, false
}

// ScoreNames lists every score this questionnaire produces: the core
// scores, then one per subscale.
func (q *Questionnaire) ScoreNames() []string {
	return append(append([]string(nil), CoreScores...), q.Subscales()...)
}

// RingLabel is the answer's words for a ring, from this questionnaire or
// else from the default one.
func (q *Questionnaire) RingLabel(r Ring) string {
	w := q.Person.Rings
	if w == nil {
		w = defaultWords().Person.Rings
	}
	switch r {
	case Inner:
		return w.Inner
	case Middle:
		return w.Middle
	}
	return w.Outer
}

// FrequencyLabel is the answer's words for a frequency band.
func (q *Questionnaire) FrequencyLabel(f Frequency) string {
	w := q.Person.Frequencies
	if w == nil {
		w = defaultWords().Person.Frequencies
	}
	switch f {
	case Weekly:
		return w.Weekly
	case Monthly:
		return w.Monthly
	case Quarterly:
		return w.Quarterly
	}
	return w.Rarely
}

// CandourLabels are the words for candour 1 to 5.
func (q *Questionnaire) CandourLabels() []string {
	if len(q.Person.CandourLevels) == MaxAnswer {
		return q.Person.CandourLevels
	}
	return defaultWords().Person.CandourLevels
}

// CandourHelp is shown beside the candour question.
func (q *Questionnaire) CandourHelp() string {
	if q.Person.CandourHelp != "" || q.Person.CandourLevels != nil {
		return q.Person.CandourHelp
	}
	return defaultWords().Person.CandourHelp
}

// Earliest returns how answers of the given earlier version read in this
// one; nil when the questionnaire says nothing about that version.
func (q *Questionnaire) EarlierVersion(version int) *EarlierVersion {
	for i := range q.Earlier {
		if q.Earlier[i].Version == version {
			return &q.Earlier[i]
		}
	}
	return nil
}

// MapRelationship says what relationship id, given to an earlier version
// of q, is now: the same id when q still has it, else what Earlier maps it
// to (with was_peer). ok is false for an id q cannot read.
func (q *Questionnaire) MapRelationship(id string) (now RelationshipNow, ok bool) {
	if _, known := q.Relationship(id); known {
		return RelationshipNow{Relationship: id}, true
	}
	for _, e := range q.Earlier {
		if to, found := e.Relationships[id]; found {
			return to, true
		}
	}
	return RelationshipNow{}, false
}

// defaultWords is the default questionnaire, whose answer words a custom
// questionnaire without its own uses. It is embedded and tested, so it
// always loads.
func defaultWords() *Questionnaire {
	q := Current(DefaultQuestionnaire)
	if q == nil {
		panic("the default questionnaire does not load")
	}
	return q
}
