package assess

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/circle-cli/circle/assess/strictyaml"
)

// A plan is what the leader means to do about their findings: one first
// step per finding they chose to act on, each with a day. The next
// interview asks what became of each step: its follow-up.

// DateFormat is how a plan's days are written: 2027-01-15.
const DateFormat = "2006-01-02"

// Date is a calendar day, with no time of day and no zone: the day a step
// is planned by.
type Date struct{ time.Time }

// ParseDate reads a day written as 2027-01-15.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateFormat, strings.TrimSpace(s))
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a day; write it as 2027-01-15", clipWords(s))
	}
	return Date{t}, nil
}

// String writes the day as 2027-01-15.
func (d Date) String() string { return d.Format(DateFormat) }

// MarshalYAML implements yaml.Marshaler.
func (d Date) MarshalYAML() (any, error) { return d.String(), nil }

// CheckYAML implements strictyaml.Checker.
func (d *Date) CheckYAML(n *yaml.Node) error {
	var v Date
	return v.UnmarshalYAML(n)
}

// UnmarshalYAML implements yaml.Unmarshaler.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("want a day, written as 2027-01-15")
	}
	v, err := ParseDate(n.Value)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalJSON implements json.Marshaler.
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// PlanStep is the first step the leader chose for one open finding.
type PlanStep struct {
	// Finding is the rule id of the finding the step is about.
	Finding string `yaml:"finding" json:"finding"`
	// Step is in the leader's own words (or a suggestion they took);
	// --redact drops it, as it drops the note.
	Step string `yaml:"step" json:"step"`
	By   Date   `yaml:"by" json:"by"`
}

// The four answers to "what became of this step?".
const (
	StatusDone    = "done"
	StatusStarted = "started"
	StatusNotYet  = "not_yet"
	StatusDropped = "dropped"
)

// FollowUpStatuses are the follow-up answers, in the order they are offered.
var FollowUpStatuses = []string{StatusDone, StatusStarted, StatusNotYet, StatusDropped}

// StatusWords says a status in words: "done", "not yet".
func StatusWords(status string) string { return strings.ReplaceAll(status, "_", " ") }

// FollowUp is what became of one step of the plan of the latest earlier
// result. A saved result keeps the step's words and day beside the answer,
// and the id of the result whose plan it was, so that it reads on its own.
type FollowUp struct {
	Finding string `yaml:"finding" json:"finding"`
	Status  string `yaml:"status" json:"status"`
	Step    string `yaml:"step,omitempty" json:"step,omitempty"`
	By      *Date  `yaml:"by,omitempty" json:"by,omitempty"`
	// Planned is the id of the result whose plan held the step.
	Planned string `yaml:"planned,omitempty" json:"planned,omitempty"`
}

// resultIDRE is a result id as the store gives them: the UTC time taken,
// with -2, -3… for a second in which there were several.
var resultIDRE = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d{6}Z(?:-\d+)?$`)

// MaxStepLength bounds a plan step in characters: a sentence, not an essay.
const MaxStepLength = 300

// checkPlan checks the plan and follow-up of answers against q: each plan
// step is for a rule of q, once, in plain words on one line; each
// follow-up names a finding once, with a known status.
func (a *Answers) checkPlan(q *Questionnaire, v *validator) {
	seen := map[string]bool{}
	for i, s := range a.Plan {
		switch {
		case q.Rule(s.Finding) == nil:
			v.add(fmt.Sprintf("%q is not a finding of %s; use a rule id from `circle questionnaires show %s`", strictyaml.Clip(s.Finding), q.ID, q.ID), "plan", i, "finding")
		case seen[s.Finding]:
			v.add("a second step for the same finding; a plan has one first step per finding", "plan", i, "finding")
		}
		seen[s.Finding] = true
		switch {
		case strings.TrimSpace(s.Step) == "":
			v.add("missing; say the first step in a few words", "plan", i, "step")
		case utf8.RuneCountInString(s.Step) > MaxStepLength:
			v.add(fmt.Sprintf("%d characters; say the first step in at most %d", utf8.RuneCountInString(s.Step), MaxStepLength), "plan", i, "step")
		default:
			v.text(s.Step, false, "plan", i, "step")
		}
		if s.By.IsZero() {
			v.add("missing; the day you mean to take the step by, such as 2027-01-15", "plan", i, "by")
		}
	}
	seen = map[string]bool{}
	for i, f := range a.FollowUp {
		if seen[f.Finding] {
			v.add("a second follow-up for the same finding; give each step of the last plan once", "followup", i, "finding")
		}
		seen[f.Finding] = true
		if !slices.Contains(FollowUpStatuses, f.Status) {
			v.add(fmt.Sprintf("%q is not a status; use %s", strictyaml.Clip(f.Status), quoteList(FollowUpStatuses)), "followup", i, "status")
		}
	}
}

// LinkFollowUp ties the follow-up answers to the plan of prev, the latest
// result taken before these answers: each must name a step of that plan,
// whose words and day it then keeps. It returns every follow-up that names
// no step as a *strictyaml.Error; file names the answers file.
func (a *Answers) LinkFollowUp(file string, prev *Result) error {
	var problems []strictyaml.Problem
	for i := range a.FollowUp {
		f := &a.FollowUp[i]
		var step *PlanStep
		if prev != nil {
			for j := range prev.Plan {
				if prev.Plan[j].Finding == f.Finding {
					step = &prev.Plan[j]
				}
			}
		}
		if step == nil {
			where := "there is no earlier result to follow up"
			if prev != nil {
				where = fmt.Sprintf("the plan of %s, the latest result before these answers, has no step for it", prev.ID)
			}
			line := 0
			if i < len(a.followUpLines) {
				line = a.followUpLines[i]
			}
			problems = append(problems, strictyaml.Problem{Line: line, Field: fmt.Sprintf("followup[%d].finding", i),
				Msg: fmt.Sprintf("%q: %s; a follow-up answers a step of that plan", strictyaml.Clip(f.Finding), where)})
			continue
		}
		by := step.By
		f.Step, f.By, f.Planned = step.Step, &by, prev.ID
	}
	if len(problems) > 0 {
		return &strictyaml.Error{File: file, Problems: problems}
	}
	return nil
}

// Rule returns the rule with this id, or nil.
func (q *Questionnaire) Rule(id string) *Rule {
	for i := range q.Rules {
		if q.Rules[i].ID == id {
			return &q.Rules[i]
		}
	}
	return nil
}

// OpenIn reports whether the finding is open in r.
func (r *Result) OpenIn(finding string) bool {
	_, ok := r.FindingOf(finding)
	return ok
}

// FindingOf returns the open finding with this rule id.
func (r *Result) FindingOf(id string) (Finding, bool) {
	for _, g := range r.Findings {
		if g.ID == id {
			return g, true
		}
	}
	return Finding{}, false
}

// FindingTitle is the title of the open finding with this rule id, as a
// plan step names it; the id itself when r does not have it open.
func (r *Result) FindingTitle(id string) string {
	if g, ok := r.FindingOf(id); ok {
		return g.Title
	}
	return id
}

func clipWords(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		return string([]rune(s)[:40]) + "…"
	}
	return s
}
