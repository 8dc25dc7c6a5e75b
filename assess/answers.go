package assess

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/circle-cli/circle/assess/plaintext"
	"github.com/circle-cli/circle/assess/strictyaml"
)

// MaxNameLength bounds a person's name in runes: long enough for any real
// name, short enough that a pasted paragraph is caught.
const MaxNameLength = 200

// MaxPeople bounds the people in one circle. Research on personal networks
// rarely finds more than a few dozen close ties; the bound is generous and
// only there to catch a runaway script.
const MaxPeople = 500

// Answers is everything a leader said: from the interview, or from an
// answers file (the non-interactive path), which has the same shape.
type Answers struct {
	// Questionnaire is an id or path; empty means the default.
	Questionnaire string `yaml:"questionnaire,omitempty" json:"questionnaire,omitempty"`
	// TakenAt records an earlier quarter when backfilling; zero means now.
	TakenAt     time.Time      `yaml:"taken_at,omitempty" json:"taken_at,omitempty"`
	People      []Person       `yaml:"people" json:"people"`
	Scales      map[string]int `yaml:"scales" json:"scales"`
	Calibration *float64       `yaml:"calibration,omitempty" json:"calibration,omitempty"`
	Reflection  string         `yaml:"reflection,omitempty" json:"reflection,omitempty"`
	// Plan is one first step per open finding the leader chose to act on.
	Plan []PlanStep `yaml:"plan,omitempty" json:"plan,omitempty"`
	// FollowUp says what became of each step of the latest earlier
	// result's plan.
	FollowUp []FollowUp `yaml:"followup,omitempty" json:"followup,omitempty"`
	// TiesAsked is whether who-knows-whom was asked: in an answers file,
	// when any person has a knows key (knows: [] says "nobody"). Tie
	// measures are null, not zero, when it was not.
	TiesAsked bool `yaml:"-" json:"-"`

	// Notes say, one line each, what was read differently from how it was
	// written: a relationship of an earlier questionnaire version, say.
	Notes []string `yaml:"-" json:"-"`

	takenAtLine   int   // where taken_at was written in an answers file
	followUpLines []int // where each follow-up's finding was written
}

// EarliestTakenAt is the earliest taken_at circle accepts: no assessment
// it reads was taken before it, and a time before it is a mistake (the
// zero time, a year typed short).
var EarliestTakenAt = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// CheckTakenAt refuses a taken_at later than now (allowing a day for
// clocks and time zones): a result dated in the future would stay the
// "latest" for good. file names the answers file in the message.
func (a *Answers) CheckTakenAt(file string, now time.Time) error {
	if a.TakenAt.IsZero() || !a.TakenAt.After(now.Add(24*time.Hour)) {
		return nil
	}
	return strictyaml.Errorf(file, a.takenAtLine, "taken_at", "%s is in the future; give the day the assessment was taken", a.TakenAt.Format(time.RFC3339))
}

// Person is one person in the circle, as the leader described them.
type Person struct {
	Name         string `yaml:"name" json:"name"`
	Relationship string `yaml:"relationship" json:"relationship"`
	// WasPeer is whether this person was the leader's peer before the
	// leader took the role; only people inside the organization can be.
	WasPeer   bool      `yaml:"was_peer,omitempty" json:"was_peer,omitempty"`
	Ring      Ring      `yaml:"ring" json:"ring"`
	Frequency Frequency `yaml:"frequency" json:"frequency"`
	Candour   int       `yaml:"candour" json:"candour"`
	Functions []string  `yaml:"functions" json:"functions"`
	// Knows lists the others in this circle this person knows (questionnaire
	// version 3): symmetric, and sorted once loaded (see JoinTies).
	Knows []string `yaml:"knows,omitempty" json:"knows,omitempty"`
}

// answersFile is the on-disk shape, with pointers where "missing" and
// "zero" must be told apart.
type answersFile struct {
	Questionnaire string         `yaml:"questionnaire"`
	TakenAt       *time.Time     `yaml:"taken_at"`
	People        []personFile   `yaml:"people"`
	Scales        map[string]int `yaml:"scales"`
	Calibration   *float64       `yaml:"calibration"`
	Reflection    string         `yaml:"reflection"`
	Plan          []PlanStep     `yaml:"plan"`
	FollowUp      []followUpFile `yaml:"followup"`
}

// followUpFile is a follow-up as an answers file gives it: the finding and
// what became of its step; the step's words come from the plan.
type followUpFile struct {
	Finding string `yaml:"finding"`
	Status  string `yaml:"status"`
}

type personFile struct {
	Name         string    `yaml:"name"`
	Relationship string    `yaml:"relationship"`
	WasPeer      *bool     `yaml:"was_peer"`
	Ring         string    `yaml:"ring"`
	Frequency    string    `yaml:"frequency"`
	Candour      *int      `yaml:"candour"`
	Functions    []string  `yaml:"functions"`
	Knows        *[]string `yaml:"knows"`
}

// ReadAnswersFile reads an answers file from disk; see LoadAnswers.
func ReadAnswersFile(path, questionnaire string) (*Questionnaire, *Answers, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, nil, err
	}
	return LoadAnswers(path, data, questionnaire)
}

// LoadAnswers decodes an answers file strictly and checks it against its
// questionnaire: questionnaire when not empty (an id or a path, as
// --questionnaire gives it), else the one the file names, else the default.
// Every problem is reported at once, each with its line and field, as a
// *strictyaml.Error. file names the file in messages.
func LoadAnswers(file string, data []byte, questionnaire string) (*Questionnaire, *Answers, error) {
	a, root, problems := parseAnswers(data)
	if root == nil {
		return nil, nil, &strictyaml.Error{File: file, Problems: problems}
	}
	ref := questionnaire
	if ref == "" {
		ref = relativeTo(file, a.Questionnaire)
	}
	q, err := LoadQuestionnaire(ref)
	if err != nil {
		if questionnaire == "" {
			return nil, nil, strictyaml.Errorf(file, strictyaml.Line(root, "questionnaire"), "questionnaire", "%v", err)
		}
		return nil, nil, err
	}
	if questionnaire != "" && a.Questionnaire != "" {
		if named, err := LoadQuestionnaire(relativeTo(file, a.Questionnaire)); err != nil || named.ID != q.ID {
			problems = append(problems, strictyaml.Problem{
				Line: strictyaml.Line(root, "questionnaire"), Field: "questionnaire",
				Msg: fmt.Sprintf("the file says %q but --questionnaire says %q; remove one of them", strictyaml.Clip(a.Questionnaire), questionnaire),
			})
		}
	}
	a.mapEarlier(q, file, root)
	problems = strictyaml.Merge(problems, a.check(q, root))
	if len(problems) == 0 && len(a.Plan) > 0 {
		// A step is for a finding these answers leave open.
		open := NewResult(q, a, time.Now())
		for i, s := range a.Plan {
			if !open.OpenIn(s.Finding) {
				problems = append(problems, strictyaml.Problem{
					Line: strictyaml.Line(root, "plan", i, "finding"), Field: fmt.Sprintf("plan[%d].finding", i),
					Msg: fmt.Sprintf("%s is not open in these answers; a plan step is for an open finding", s.Finding),
				})
			}
		}
	}
	if len(problems) > 0 {
		return nil, nil, &strictyaml.Error{File: file, Problems: problems}
	}
	return q, a, nil
}

// mapEarlier reads a relationship that an earlier version of q had as what
// it is now (former_peer becomes other_internal with was_peer), with a
// note for each, so that answers written for that version still load.
func (a *Answers) mapEarlier(q *Questionnaire, file string, root *yaml.Node) {
	for i := range a.People {
		p := &a.People[i]
		if _, ok := q.Relationship(p.Relationship); ok {
			continue
		}
		now, ok := q.MapRelationship(p.Relationship)
		if !ok {
			continue
		}
		note := fmt.Sprintf("%s is now %s", p.Relationship, now.Relationship)
		if now.WasPeer {
			note += " with was_peer: true"
		}
		a.Notes = append(a.Notes, strictyaml.Problem{
			Line: strictyaml.Line(root, "people", i, "relationship"), Field: fmt.Sprintf("people[%d].relationship", i),
			Msg: fmt.Sprintf("note: %s (%s version %d); write it so to silence this note", note, q.ID, q.Version),
		}.Format(file))
		p.Relationship = now.Relationship
		p.WasPeer = p.WasPeer || now.WasPeer
	}
}

// relativeTo resolves a questionnaire path named inside an answers file
// against the answers file's own directory, as a reader of the file would;
// ids and absolute paths are left alone.
func relativeTo(file, ref string) string {
	if ref == "" || filepath.IsAbs(ref) || file == "stdin" || !IsQuestionnairePath(ref) {
		return ref
	}
	return filepath.Join(filepath.Dir(file), ref)
}

// parseAnswers decodes an answers file as far as it can. root is nil when
// the file is not YAML at all.
func parseAnswers(data []byte) (*Answers, *yaml.Node, []strictyaml.Problem) {
	var raw answersFile
	root, problems := strictyaml.Decode(data, &raw)
	if root == nil {
		return nil, nil, problems
	}
	a := &Answers{
		Questionnaire: raw.Questionnaire,
		Scales:        raw.Scales,
		Calibration:   raw.Calibration,
		Reflection:    raw.Reflection,
		Plan:          raw.Plan,
	}
	for i, f := range raw.FollowUp {
		a.FollowUp = append(a.FollowUp, FollowUp{Finding: f.Finding, Status: f.Status})
		a.followUpLines = append(a.followUpLines, strictyaml.Line(root, "followup", i, "finding"))
	}
	var missing []strictyaml.Problem
	if raw.TakenAt != nil {
		a.TakenAt = raw.TakenAt.UTC()
		a.takenAtLine = strictyaml.Line(root, "taken_at")
		// A zero time would otherwise read as "not given", and be saved
		// as now without a word.
		if a.TakenAt.Before(EarliestTakenAt) {
			missing = append(missing, strictyaml.Problem{Line: a.takenAtLine, Field: "taken_at",
				Msg: fmt.Sprintf("%s is before %d; give the day the assessment was taken, or leave taken_at out for now", a.TakenAt.Format(time.RFC3339), EarliestTakenAt.Year())})
			a.TakenAt = time.Time{}
		}
	}
	for i, p := range raw.People {
		for _, m := range []struct {
			field string
			unset bool
		}{{"name", p.Name == ""}, {"relationship", p.Relationship == ""}, {"ring", p.Ring == ""}, {"frequency", p.Frequency == ""}, {"candour", p.Candour == nil}} {
			if m.unset {
				missing = append(missing, strictyaml.Problem{
					Line: strictyaml.Line(root, "people", i), Field: fmt.Sprintf("people[%d].%s", i, m.field),
					Msg: "missing; every person needs name, relationship, ring, frequency and candour",
				})
			}
		}
		c := 0
		if p.Candour != nil {
			c = *p.Candour
		}
		a.People = append(a.People, Person{
			Name: p.Name, Relationship: p.Relationship, WasPeer: p.WasPeer != nil && *p.WasPeer,
			Ring: Ring(p.Ring), Frequency: Frequency(p.Frequency), Candour: c, Functions: p.Functions,
		})
		if p.Knows != nil {
			a.People[len(a.People)-1].Knows = *p.Knows
			a.TiesAsked = true
		}
	}
	return a, root, strictyaml.Merge(problems, missing)
}

// Check validates answers against a questionnaire, reporting every problem
// at once. root, when not nil, is the answers file's node tree and gives
// each problem its line; file names the file in messages.
func (a *Answers) Check(q *Questionnaire, file string, root *yaml.Node) error {
	if problems := a.check(q, root); len(problems) > 0 {
		return &strictyaml.Error{File: file, Problems: problems}
	}
	return nil
}

func (a *Answers) check(q *Questionnaire, root *yaml.Node) []strictyaml.Problem {
	v := validator{root: root}
	// Saved and shown as it is: plain text, line breaks allowed.
	v.text(a.Reflection, true, "reflection")
	if len(a.People) > MaxPeople {
		v.add(fmt.Sprintf("%d people; circle takes at most %d", len(a.People), MaxPeople), "people")
	}
	names := map[string]int{}
	for i, p := range a.People {
		switch {
		case strings.TrimSpace(p.Name) == "":
			v.add("missing; give a name or initials", "people", i, "name")
		case utf8.RuneCountInString(p.Name) > MaxNameLength:
			v.add(fmt.Sprintf("the name is %d characters long; use at most %d (initials are fine)", utf8.RuneCountInString(p.Name), MaxNameLength), "people", i, "name")
		case !utf8.ValidString(p.Name):
			v.add("the name is not valid UTF-8 text (a !!binary value, or a file in another encoding); write it as plain text and save the file as UTF-8", "people", i, "name")
		case HasControl(p.Name):
			v.add("the name contains a control character (a tab, newline, escape or direction override); write it on one line as plain text", "people", i, "name")
		default:
			key := NameKey(p.Name)
			if first, dup := names[key]; dup {
				// The message never repeats the name: errors are printed
				// under --redact too, and the line says who it is.
				v.add(fmt.Sprintf("the same name as people[%d] (case and spaces aside); give each person once, or tell them apart (Sam K., Sam L.)", first), "people", i, "name")
			} else {
				names[key] = i
			}
		}
		if rel, ok := q.Relationship(p.Relationship); !ok {
			v.add(fmt.Sprintf("%q is not a relationship in %s; use one of %s", strictyaml.Clip(p.Relationship), q.ID, q.relationshipIDs()), "people", i, "relationship")
		} else if p.WasPeer && rel.Side == External {
			v.add(fmt.Sprintf("true for someone outside your organization (%s); was_peer is only for people inside it who used to be your peers", p.Relationship), "people", i, "was_peer")
		}
		if !validRing(string(p.Ring)) {
			v.add(fmt.Sprintf("%q is not a ring; use inner, middle or outer", strictyaml.Clip(string(p.Ring))), "people", i, "ring")
		}
		if !validFrequency(string(p.Frequency)) {
			v.add(fmt.Sprintf("%q is not a frequency; use %s", strictyaml.Clip(string(p.Frequency)), quoteList(Frequencies)), "people", i, "frequency")
		}
		if p.Candour < MinAnswer || p.Candour > MaxAnswer {
			v.add(fmt.Sprintf("%d is out of range; candour is 1 (guarded) to 5 (completely unfiltered)", p.Candour), "people", i, "candour")
		}
		seen := map[string]bool{}
		for j, f := range p.Functions {
			switch {
			case !q.HasFunction(f):
				v.add(fmt.Sprintf("%q is not a function in %s; use %s", strictyaml.Clip(f), q.ID, q.functionIDs()), "people", i, "functions", j)
			case seen[f]:
				v.add(fmt.Sprintf("%q is listed twice; list it once", f), "people", i, "functions", j)
			}
			seen[f] = true
		}
	}

	known := map[string]bool{}
	var missing []string
	for _, it := range q.Likert.Items {
		known[it.ID] = true
		if _, ok := a.Scales[it.ID]; !ok {
			missing = append(missing, it.ID)
		}
	}
	if len(missing) > 0 {
		v.add(fmt.Sprintf("missing answers for %s; give each a number from 1 (strongly disagree) to 5 (strongly agree)", strings.Join(missing, ", ")), "scales")
	}
	for _, id := range sortedKeys(a.Scales) {
		n := a.Scales[id]
		switch {
		case !known[id]:
			v.add(fmt.Sprintf("not a statement in %s; see `circle questionnaires show %s` for the ids", q.ID, q.ID), "scales", id)
		case n < MinAnswer || n > MaxAnswer:
			v.add(fmt.Sprintf("%d is out of range; answer 1 (strongly disagree) to 5 (strongly agree)", n), "scales", id)
		}
	}
	// Written so that NaN, which compares false with everything, fails too.
	if a.Calibration != nil && !(*a.Calibration >= 0 && *a.Calibration <= 100) {
		v.add(fmt.Sprintf("%g is out of range; give a share from 0 to 100", *a.Calibration), "calibration")
	}
	a.checkPlan(q, &v)
	a.checkTies(&v)
	strictyaml.Sort(v.problems)
	return v.problems
}

// NameKey folds a name for comparison: "Dana  Reyes" and "dana reyes" are
// the same person.
func NameKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// HasControl reports control characters, line separators and direction
// controls, which can make a name display as something else; see
// plaintext.IsControl.
func HasControl(s string) bool { return plaintext.HasControl(s) }
