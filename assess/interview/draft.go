package interview

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/strictyaml"
	"github.com/circle-cli/circle/assess/view"
)

// DraftSchemaVersion is the version of the draft format this build writes.
// Version 1 keyed people by their position ("person:0:ring"); version 2
// gives each person an id when they are named ("person:p1:ring"), and
// keeps last time's answers beside this time's. A version-1 draft is
// migrated when read.
const DraftSchemaVersion = 2

// Draft is an interview in progress: every answer given so far and which
// questions they answer. It is saved after every answer, so that an
// interview stopped at any point continues exactly where it stopped.
type Draft struct {
	SchemaVersion int                     `yaml:"schema_version"`
	Questionnaire assess.QuestionnaireRef `yaml:"questionnaire"`
	// Source is what --questionnaire named (an id or a path), so that a
	// resumed interview loads the same questionnaire.
	Source    string    `yaml:"source,omitempty"`
	StartedAt time.Time `yaml:"started_at"`
	UpdatedAt time.Time `yaml:"updated_at"`
	// Done lists the steps answered, in the order they were answered.
	Done []string `yaml:"done"`
	// IDs holds a stable id for each person in Answers.People, given when
	// they are named; steps about a person are keyed by it. People are only
	// ever appended, never removed (Dropped lets them go).
	IDs []string `yaml:"ids,omitempty"`
	// Named records, per name generator, the people it named.
	Named map[string][]string `yaml:"named,omitempty"`
	// CarriedFrom is the id of the earlier result this interview started
	// from; its first Carried people came from there. Dropped names the
	// people the leader said are no longer in the circle.
	CarriedFrom string    `yaml:"carried_from,omitempty"`
	CarriedAt   time.Time `yaml:"carried_at,omitempty"`
	Carried     int       `yaml:"carried,omitempty"`
	Dropped     []string  `yaml:"dropped,omitempty"`
	// Kept holds the ids of carried people kept "as before": their
	// per-person questions count as answered.
	Kept []string `yaml:"kept,omitempty"`
	// Last time's statements, guess and note, from the result carried
	// from: the statements and the guess start there, so that Enter means
	// "unchanged", and the note is shown again.
	LastScales      map[string]int `yaml:"last_scales,omitempty"`
	LastCalibration *float64       `yaml:"last_calibration,omitempty"`
	LastNote        string         `yaml:"last_note,omitempty"`
	// GuessGiven is whether the guess was answered in this interview (its
	// step may be unmarked again on the review): then its answer, not
	// last time's, is the default.
	GuessGiven bool `yaml:"guess_given,omitempty"`
	// LastPlan is the plan of the result carried from: the interview
	// starts by asking what became of each step.
	LastPlan []assess.PlanStep `yaml:"last_plan,omitempty"`
	// Planning lists the findings the leader chose to plan a first step
	// for, after the summary.
	Planning []string `yaml:"planning,omitempty"`
	// Promoted is the answer to "were you promoted from within?".
	Promoted *bool          `yaml:"promoted,omitempty"`
	Answers  assess.Answers `yaml:"answers"`
}

// NewDraft starts an interview of q. With a previous result, it starts
// from that result's people, each to be kept, changed or let go.
func NewDraft(q *assess.Questionnaire, source string, now time.Time, previous *assess.Result) *Draft {
	now = now.UTC().Truncate(time.Second)
	d := newDraft(q, source, now)
	if previous != nil && (len(previous.People) > 0 || len(previous.Scales) > 0 || len(previous.Plan) > 0) {
		d.CarriedFrom, d.CarriedAt, d.Carried = previous.ID, previous.TakenAt, len(previous.People)
		d.LastNote, d.LastCalibration = previous.Reflection, previous.Calibration
		d.LastPlan = previous.Plan
		d.LastScales = map[string]int{}
		for _, it := range q.Likert.Items {
			// Only statements this questionnaire still asks.
			if v, ok := previous.Scales[it.ID]; ok && v >= assess.MinAnswer && v <= len(assess.LikertLabels) {
				d.LastScales[it.ID] = v
			}
		}
		for _, p := range previous.People {
			// Functions this questionnaire no longer defines are dropped:
			// kept, they would make the finished answers invalid.
			fns := []string{}
			for _, f := range p.Functions {
				if q.HasFunction(f) {
					fns = append(fns, f)
				}
			}
			// A relationship of an earlier version of q is read as what
			// it is now (former_peer: other_internal, was a peer); one q
			// cannot read stays, and is asked again.
			rel, wasPeer := p.Relationship, p.WasPeer
			if now, ok := q.MapRelationship(rel); ok {
				rel, wasPeer = now.Relationship, wasPeer || now.WasPeer
			}
			d.add(assess.Person{
				Name: p.Name, Relationship: rel, WasPeer: wasPeer, Ring: p.Ring, Frequency: p.Frequency,
				Candour: p.Candour, Functions: fns, Knows: p.Knows,
			})
		}
	}
	return d
}

func newDraft(q *assess.Questionnaire, source string, now time.Time) *Draft {
	return &Draft{
		SchemaVersion: DraftSchemaVersion,
		Questionnaire: assess.QuestionnaireRef{ID: q.ID, Version: q.Version, Title: q.Title},
		Source:        source,
		StartedAt:     now,
		UpdatedAt:     now,
		Done:          []string{},
		Answers:       assess.Answers{People: []assess.Person{}, Scales: map[string]int{}},
	}
}

// add appends a person to the circle with the next id, and returns their
// index.
func (d *Draft) add(p assess.Person) int {
	d.Answers.People = append(d.Answers.People, p)
	d.IDs = append(d.IDs, "p"+strconv.Itoa(len(d.Answers.People)))
	return len(d.Answers.People) - 1
}

// id is person i's stable id.
func (d *Draft) id(i int) string { return d.IDs[i] }

// kept reports whether person i was carried from last time unchanged.
func (d *Draft) kept(i int) bool { return slices.Contains(d.Kept, d.id(i)) }

func (d *Draft) has(key string) bool {
	for _, k := range d.Done {
		if k == key {
			return true
		}
	}
	return false
}

// dropped reports whether person i was let go from the circle.
func (d *Draft) dropped(i int) bool {
	return containsKey(d.Dropped, d.Answers.People[i].Name)
}

// undrop brings person i back, to be asked about again.
func (d *Draft) undrop(i int) {
	key := assess.NameKey(d.Answers.People[i].Name)
	var keep []string
	for _, n := range d.Dropped {
		if assess.NameKey(n) != key {
			keep = append(keep, n)
		}
	}
	d.Dropped = keep
	d.unmark(func(k string) bool { return strings.HasPrefix(k, personKey(d.id(i), "")) })
	d.Kept = slices.DeleteFunc(d.Kept, func(id string) bool { return id == d.id(i) })
}

// unmark forgets the answered steps whose keys match, so that they are
// asked again.
func (d *Draft) unmark(match func(string) bool) {
	d.Done = slices.DeleteFunc(d.Done, match)
}

// currentIndex lists the indices of the people not let go.
func (d *Draft) currentIndex() []int {
	var out []int
	for i := range d.Answers.People {
		if !d.dropped(i) {
			out = append(out, i)
		}
	}
	return out
}

// current is the circle as it stands: everyone not let go.
func (d *Draft) current() []assess.Person {
	out := []assess.Person{}
	for i, p := range d.Answers.People {
		if !d.dropped(i) {
			out = append(out, p)
		}
	}
	return out
}

// find returns the index of the person with this name, or -1.
func (d *Draft) find(name string) int {
	for i, p := range d.Answers.People {
		if assess.NameKey(p.Name) == assess.NameKey(name) {
			return i
		}
	}
	return -1
}

// redoGenerators forgets that the name generators were asked, so that
// they are asked again.
func (d *Draft) redoGenerators() {
	d.unmark(func(k string) bool { return strings.HasPrefix(k, "gen:") })
}

// Answered counts the questions answered so far.
func (d *Draft) Answered() int { return len(d.Done) }

// Matches reports whether the draft was started with questionnaire q.
func (d *Draft) Matches(q *assess.Questionnaire) bool {
	return d.Questionnaire.ID == q.ID && d.Questionnaire.Version == q.Version
}

// Upgrade carries a draft started with an earlier version of q over to q,
// when q says how that version's answers read (its earlier section):
// relationships it no longer has become what they are now. It reports
// whether the draft now matches q; a draft it cannot carry over is left
// as it was.
func (d *Draft) Upgrade(q *assess.Questionnaire) bool {
	if d.Matches(q) {
		return true
	}
	if d.Questionnaire.ID != q.ID || d.Questionnaire.Version > q.Version || q.EarlierVersion(d.Questionnaire.Version) == nil {
		return false
	}
	people := append([]assess.Person(nil), d.Answers.People...)
	for i, p := range people {
		if p.Relationship == "" {
			continue // not asked yet
		}
		now, ok := q.MapRelationship(p.Relationship)
		if !ok {
			return false
		}
		people[i].Relationship, people[i].WasPeer = now.Relationship, p.WasPeer || now.WasPeer
	}
	d.Answers.People = people
	d.Questionnaire = assess.QuestionnaireRef{ID: q.ID, Version: q.Version, Title: q.Title}
	return true
}

// Marshal renders the draft as YAML.
func (d *Draft) Marshal() ([]byte, error) {
	var b strings.Builder
	b.WriteString(assess.DraftHeader)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

// ParseDraft reads a saved draft strictly; file names it in messages.
func ParseDraft(file string, data []byte) (*Draft, error) {
	var d Draft
	if _, problems := strictyaml.Decode(data, &d); problems != nil {
		return nil, &strictyaml.Error{File: file, Problems: problems}
	}
	switch d.SchemaVersion {
	case 1:
		d.migrateFromV1()
	case DraftSchemaVersion:
		if len(d.IDs) != len(d.Answers.People) {
			return nil, strictyaml.Errorf(file, 0, "ids", "%d ids for %d people; the draft was edited by hand", len(d.IDs), len(d.Answers.People))
		}
	default:
		return nil, strictyaml.Errorf(file, 0, "schema_version", "%d is not a draft version this circle knows (1 to %d)", d.SchemaVersion, DraftSchemaVersion)
	}
	if d.Answers.Scales == nil {
		d.Answers.Scales = map[string]int{}
	}
	return &d, nil
}

// migrateFromV1 gives the people of a version-1 draft their ids (by
// position, which is what version 1 keyed them by) and rewrites the keys
// of the steps about them.
func (d *Draft) migrateFromV1() {
	d.IDs = nil
	for i := range d.Answers.People {
		d.IDs = append(d.IDs, "p"+strconv.Itoa(i+1))
	}
	for k, key := range d.Done {
		kind, rest, _ := strings.Cut(key, ":")
		if kind != "person" && kind != "carry" {
			continue
		}
		pos, field, _ := strings.Cut(rest, ":")
		i, err := strconv.Atoi(pos)
		if err != nil || i < 0 || i >= len(d.IDs) {
			continue
		}
		if kind == "carry" {
			d.Done[k] = carryKey(d.IDs[i])
		} else {
			d.Done[k] = personKey(d.IDs[i], field)
		}
	}
	d.SchemaVersion = DraftSchemaVersion
}

// Describe says in a few words how far the draft got.
func (d *Draft) Describe() string {
	people := view.Plural(len(d.current()), "person", "people") + " named"
	answers := view.Plural(len(d.Done), "answer", "answers") + " so far"
	return fmt.Sprintf("started %s, %s, %s", d.StartedAt.Local().Format("2 Jan 15:04"), answers, people)
}
