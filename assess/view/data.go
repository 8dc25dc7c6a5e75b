package view

import (
	"time"

	"github.com/circle-cli/circle/assess"
)

// Data is the shape of `--output json|yaml`: what scripts rely on.
type Data struct {
	ID            string                `json:"id" yaml:"id"`
	TakenAt       time.Time             `json:"taken_at" yaml:"taken_at"`
	Questionnaire QuestionnaireData     `json:"questionnaire" yaml:"questionnaire"`
	People        []assess.ResultPerson `json:"people" yaml:"people"`
	Scores        assess.Scores         `json:"scores" yaml:"scores"`
	NetworkType   *string               `json:"network_type" yaml:"network_type"`
	// Strengths is null for a result saved before circle recorded them.
	Strengths []StrengthData `json:"strengths" yaml:"strengths"`
	Gaps      []FindingData  `json:"gaps" yaml:"gaps"`
	// Plan and FollowUp are absent when there are none; under --redact
	// they keep their findings, days and statuses, not the steps' words.
	Plan     []assess.PlanStep `json:"plan,omitempty" yaml:"plan,omitempty"`
	FollowUp []assess.FollowUp `json:"followup,omitempty" yaml:"followup,omitempty"`
}

// QuestionnaireData names the questionnaire of a result.
type QuestionnaireData struct {
	ID      string `json:"id" yaml:"id"`
	Version int    `json:"version" yaml:"version"`
}

// StrengthData is one strength: a require rule that holds, the people who
// satisfy it, and the sentence that says so.
type StrengthData struct {
	ID     string   `json:"id" yaml:"id"`
	People []string `json:"people" yaml:"people"`
	Text   string   `json:"text" yaml:"text"`
}

// FindingData is one finding, gap or warning. People is null for a
// finding saved before circle recorded them; Almost is there for require
// rules only, Pairs for knows rules only.
type FindingData struct {
	ID       string        `json:"id" yaml:"id"`
	Title    string        `json:"title" yaml:"title"`
	Severity string        `json:"severity" yaml:"severity"`
	Advice   string        `json:"advice" yaml:"advice"`
	People   []string      `json:"people" yaml:"people"`
	Almost   *[]AlmostData `json:"almost,omitempty" yaml:"almost,omitempty"`
	Pairs    *[]PairData   `json:"pairs,omitempty" yaml:"pairs,omitempty"`
}

// PairData is one tie a finding is about: name knows knows, said in text.
type PairData struct {
	Name  string `json:"name" yaml:"name"`
	Knows string `json:"knows" yaml:"knows"`
	Text  string `json:"text" yaml:"text"`
}

// AlmostData is one person who almost counted.
type AlmostData struct {
	Name  string   `json:"name" yaml:"name"`
	Unmet []string `json:"unmet" yaml:"unmet"`
	Text  string   `json:"text" yaml:"text"`
}

// Data returns the machine-readable form of the view: every person and
// every name in full, texts with the names filled in.
func (v *Result) Data() Data {
	r := v.R
	d := Data{
		ID:            r.ID,
		TakenAt:       r.TakenAt,
		Questionnaire: QuestionnaireData{ID: r.Questionnaire.ID, Version: r.Questionnaire.Version},
		People:        r.People,
		Scores:        r.Scores,
		Gaps:          []FindingData{},
		Plan:          r.Plan,
		FollowUp:      r.FollowUp,
	}
	if d.People == nil {
		d.People = []assess.ResultPerson{}
	}
	if r.NetworkType != "" {
		nt := r.NetworkType
		d.NetworkType = &nt
	}
	if r.Strengths != nil {
		d.Strengths = []StrengthData{}
	}
	for _, s := range r.Strengths {
		d.Strengths = append(d.Strengths, StrengthData{ID: s.ID, People: s.People, Text: FillNames(s.Text, s.People)})
	}
	for _, f := range r.Findings {
		fd := FindingData{ID: f.ID, Title: f.Title, Severity: f.Severity, Advice: f.Advice, People: f.People}
		if f.Kind == assess.KindRequire {
			almost := []AlmostData{}
			for _, a := range f.Almost {
				almost = append(almost, AlmostData{Name: a.Name, Unmet: a.Unmet, Text: FillName(a.Text, a.Name)})
			}
			fd.Almost = &almost
		}
		if f.Kind == assess.KindKnows {
			pairs := []PairData{}
			for _, p := range f.Pairs {
				pairs = append(pairs, PairData{Name: p.Name, Knows: p.Knows, Text: FillPair(p.Text, p.Name, p.Knows)})
			}
			fd.Pairs = &pairs
		}
		d.Gaps = append(d.Gaps, fd)
	}
	return d
}
