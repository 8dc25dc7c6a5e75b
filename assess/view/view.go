package view

import (
	"fmt"
	"time"

	"github.com/circle-cli/circle/assess"
)

// DefaultTitle heads a result whose questionnaire has no title.
const DefaultTitle = "Your support circle"

// Result is one saved result as every output shows it.
type Result struct {
	// R is the result shown: already redacted when names are not to be
	// shown.
	R *assess.Result

	Title string
	// PeopleLine counts the circle: "5 people: 2 inside, 3 outside the
	// organization".
	PeopleLine      string
	Inside, Outside []string // names, in circle order

	Balance      *float64
	BalanceWords string
	// Scores are the rows of the summary's scores, in order.
	Scores []Score

	Network, NetworkSentence string
	Guess                    string

	Gaps, Warnings []assess.Finding
}

// Score is one score as shown.
type Score struct {
	Name, Label, Value, Words, Meaning string
}

// New builds the view of r. Redact r first (assess.Redact) when names
// must not be shown.
func New(r *assess.Result) *Result {
	v := &Result{R: r, Title: r.Questionnaire.Title}
	if v.Title == "" {
		v.Title = DefaultTitle
	}
	for _, p := range r.People {
		if p.Side == assess.External {
			v.Outside = append(v.Outside, p.Name)
		} else {
			v.Inside = append(v.Inside, p.Name)
		}
	}
	v.PeopleLine = peopleLine(len(r.People), len(v.Inside), len(v.Outside))
	v.Balance = r.Score(assess.ScoreBalance)
	v.BalanceWords = assess.BalanceWords(v.Balance)
	for _, s := range r.Scores {
		if s.Value == nil || s.Name == assess.ScoreBalance || s.Name == assess.ScoreCalibrationGap {
			continue
		}
		d := Lookup(s.Name)
		v.Scores = append(v.Scores, Score{Name: s.Name, Label: d.Label, Value: d.Value(s.Value), Words: words(s.Name, *s.Value, r), Meaning: d.Meaning})
	}
	v.Network = r.NetworkType
	v.NetworkSentence = NetworkSentences[r.NetworkType]
	v.Guess = GuessWords(r)
	for _, f := range r.Findings {
		if f.Severity == assess.SeverityGap {
			v.Gaps = append(v.Gaps, f)
		} else {
			v.Warnings = append(v.Warnings, f)
		}
	}
	return v
}

// Date is the day the result was taken, in loc, as "2 Jan 2006".
func (v *Result) Date(loc *time.Location, layout string) string {
	return v.R.TakenAt.In(loc).Format(layout)
}

func peopleLine(n, inside, outside int) string {
	switch n {
	case 0:
		return "nobody named"
	case 1:
		if inside == 1 {
			return "1 person, inside the organization"
		}
		return "1 person, outside the organization"
	}
	return fmt.Sprintf("%d people: %d inside, %d outside the organization", n, inside, outside)
}

// Data is the shape of `--output json|yaml`: what scripts rely on.
type Data struct {
	ID            string                `json:"id" yaml:"id"`
	TakenAt       time.Time             `json:"taken_at" yaml:"taken_at"`
	Questionnaire QuestionnaireData     `json:"questionnaire" yaml:"questionnaire"`
	People        []assess.ResultPerson `json:"people" yaml:"people"`
	Scores        assess.Scores         `json:"scores" yaml:"scores"`
	NetworkType   *string               `json:"network_type" yaml:"network_type"`
	Gaps          []FindingData         `json:"gaps" yaml:"gaps"`
}

// QuestionnaireData names the questionnaire of a result.
type QuestionnaireData struct {
	ID      string `json:"id" yaml:"id"`
	Version int    `json:"version" yaml:"version"`
}

// FindingData is one finding in `--output json|yaml`.
type FindingData struct {
	ID       string `json:"id" yaml:"id"`
	Title    string `json:"title" yaml:"title"`
	Severity string `json:"severity" yaml:"severity"`
	Advice   string `json:"advice" yaml:"advice"`
}

// Data returns the machine-readable form of the view.
func (v *Result) Data() Data {
	r := v.R
	d := Data{
		ID:            r.ID,
		TakenAt:       r.TakenAt,
		Questionnaire: QuestionnaireData{ID: r.Questionnaire.ID, Version: r.Questionnaire.Version},
		People:        r.People,
		Scores:        r.Scores,
		Gaps:          []FindingData{},
	}
	if d.People == nil {
		d.People = []assess.ResultPerson{}
	}
	if r.NetworkType != "" {
		nt := r.NetworkType
		d.NetworkType = &nt
	}
	for _, f := range r.Findings {
		d.Gaps = append(d.Gaps, FindingData{ID: f.ID, Title: f.Title, Severity: f.Severity, Advice: f.Advice})
	}
	return d
}
