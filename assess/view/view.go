package view

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/circle-cli/circle/assess"
)

// DefaultTitle heads a result whose questionnaire has no title.
const DefaultTitle = "Your support circle"

// MaxNames is how many names a line of text or the map shows before "and
// N others"; JSON and YAML list everyone.
const MaxNames = 3

// Result is one saved result as every output shows it.
type Result struct {
	// R is the result shown: already redacted when names are not to be
	// shown.
	R *assess.Result
	// Q is the result's own questionnaire where circle has it (a built-in
	// one, at the result's version), for its words; nil otherwise.
	Q *assess.Questionnaire

	Title string
	// PeopleLine counts the circle: "5 people: 2 inside, 3 outside the
	// organization".
	PeopleLine      string
	Inside, Outside []string // names, in circle order
	// Empty is a circle with nobody in it.
	Empty bool

	// Sources, Coverage and Confidants are the headline; Sources is nil
	// for a result saved before they existed (version 1), which has
	// Balance as its headline.
	Sources    []Source
	Coverage   *Score
	Confidants *Score

	Balance      *float64
	BalanceWords string
	// Scores are the rows of the summary's other scores, in order.
	Scores []Score

	Network, NetworkSentence string
	Guess                    string

	// Strengths are what already works, in the questionnaire's order.
	Strengths []Strength
	// Gaps are the open gaps, ranked: the first is where to start.
	// Warnings are the rest.
	Gaps, Warnings []Finding
}

// Source is one of the three places support comes from.
type Source struct {
	Name, Label string
	Share       float64
	// Pct is the share in whole percent, rounded so that the three add up
	// to 100 (largest remainders).
	Pct    int
	People []string
}

// Score is one score as shown.
type Score struct {
	Name, Label, Value, Words, Meaning string
	Raw                                *float64
}

// Finding is a gap or warning as shown: the people it names, and who
// almost counted, with their names filled in.
type Finding struct {
	assess.Finding
	// Names lists the people it names for a line of text: at most
	// MaxNames, then "and N others"; "" when it names nobody.
	Names string
	// Almost are the people who almost counted, in circle order.
	Almost []AlmostLine
	// Pairs are the ties a knows rule found, each in words with the
	// names filled in: "Jo Mensah, your coach, knows Dana Reyes, your
	// manager."
	Pairs []PairLine
}

// PairLine is one tie a finding is about.
type PairLine struct {
	Name, Knows, Text string
}

// AlmostLine is one person who almost counted, and why not.
type AlmostLine struct {
	Name  string
	Unmet []string
	Text  string
}

// Strength is a require rule that holds, in words.
type Strength struct {
	ID     string
	People []string
	Text   string
}

// New builds the view of r. Redact r first (assess.Redact) when names
// must not be shown. Subscales are named from the questionnaire r was
// taken with when circle carries it; see NewWith.
func New(r *assess.Result) *Result { return NewWith(r, nil) }

// NewWith is New with the questionnaire r was taken with, for one circle
// does not carry (a custom questionnaire, right after the assessment):
// its subscales' labels and meanings are then used. Nil is New.
func NewWith(r *assess.Result, q *assess.Questionnaire) *Result {
	if q == nil || q.ID != r.Questionnaire.ID || q.Version != r.Questionnaire.Version {
		q = assess.Builtin(r.Questionnaire.ID, r.Questionnaire.Version)
	}
	v := &Result{R: r, Q: q, Title: r.Questionnaire.Title}
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
	v.Empty = len(r.People) == 0
	v.PeopleLine = peopleLine(len(r.People), len(v.Inside), len(v.Outside))
	v.Balance = r.Score(assess.ScoreBalance)
	v.BalanceWords = assess.BalanceWords(v.Balance)
	v.sources()
	for _, s := range r.Scores {
		if s.Value == nil {
			continue
		}
		sc := v.score(s.Name, s.Value)
		switch s.Name {
		case assess.ScoreProfessionalCoverage:
			v.Coverage = &sc
		case assess.ScoreOutsideConfidants:
			sc.Words = v.confidantWords(int(*s.Value))
			v.Confidants = &sc
		case assess.ScoreBalance, assess.ScoreCalibrationGap,
			assess.ScoreSourcesInside, assess.ScoreSourcesPersonal, assess.ScoreSourcesProfessional:
		default:
			v.Scores = append(v.Scores, sc)
		}
	}
	v.Network = r.NetworkType
	v.NetworkSentence = NetworkSentences[r.NetworkType]
	v.Guess = GuessWords(r)
	for _, s := range r.Strengths {
		if len(s.People) == 0 || s.Text == "" {
			continue
		}
		v.Strengths = append(v.Strengths, Strength{ID: s.ID, People: s.People, Text: FillNames(s.Text, s.People)})
	}
	for _, f := range r.Findings {
		vf := Finding{Finding: f, Names: ShortList(f.People)}
		for _, a := range f.Almost {
			vf.Almost = append(vf.Almost, AlmostLine{Name: a.Name, Unmet: a.Unmet, Text: FillName(a.Text, a.Name)})
		}
		for _, p := range f.Pairs {
			vf.Pairs = append(vf.Pairs, PairLine{Name: p.Name, Knows: p.Knows, Text: FillPair(p.Text, p.Name, p.Knows)})
		}
		if f.Severity == assess.SeverityGap {
			v.Gaps = append(v.Gaps, vf)
		} else {
			v.Warnings = append(v.Warnings, vf)
		}
	}
	return v
}

// Def is the definition of a score, in the words of the result's own
// questionnaire.
func (v *Result) Def(name string) Def { return Lookup(name, v.Q) }

func (v *Result) score(name string, value *float64) Score {
	d := v.Def(name)
	s := Score{Name: name, Label: d.Label, Value: d.Value(value), Meaning: d.Meaning, Raw: value}
	if value != nil {
		s.Words = d.words(*value, v.R)
	}
	return s
}

// sources fills the three sources with the people each holds; none for a
// result saved before there were sources.
func (v *Result) sources() {
	parts := []struct {
		name string
		in   func(p assess.ResultPerson) bool
	}{
		{assess.ScoreSourcesInside, func(p assess.ResultPerson) bool { return p.Side != assess.External }},
		{assess.ScoreSourcesProfessional, func(p assess.ResultPerson) bool { return assess.ProfessionalDistance(p.Side, p.System) }},
		{assess.ScoreSourcesPersonal, func(p assess.ResultPerson) bool {
			return p.Side == assess.External && !assess.ProfessionalDistance(p.Side, p.System)
		}},
	}
	for _, part := range parts {
		share, ok := v.R.Scores.Get(part.name)
		if !ok {
			v.Sources = nil
			return
		}
		s := Source{Name: part.name, Label: v.Def(part.name).Label}
		if share != nil {
			s.Share = *share
		}
		for _, p := range v.R.People {
			if part.in(p) {
				s.People = append(s.People, p.Name)
			}
		}
		v.Sources = append(v.Sources, s)
	}
	shares := make([]float64, len(v.Sources))
	for i, s := range v.Sources {
		shares[i] = s.Share
	}
	for i, p := range Percentages(shares) {
		v.Sources[i].Pct = p
	}
}

// Percentages rounds shares of 1 to whole percentages that add up to 100
// (when the shares add up to 1); see Apportion.
func Percentages(shares []float64) []int { return Apportion(shares, 100) }

// Apportion splits units in proportion to shares (of 1), in whole units
// that add up to the units the shares stand for: each is rounded down,
// and the units left go to the largest remainders, the first on a tie.
func Apportion(shares []float64, units int) []int {
	out := make([]int, len(shares))
	rem := make([]float64, len(shares))
	total, sum := 0, 0.0
	for i, s := range shares {
		exact := s * float64(units)
		out[i] = int(math.Floor(exact + 1e-9))
		rem[i] = exact - float64(out[i])
		total += out[i]
		sum += s
	}
	for left := int(math.Round(sum*float64(units))) - total; left > 0; left-- {
		best := 0
		for i := range rem {
			if rem[i] > rem[best] {
				best = i
			}
		}
		out[best]++
		rem[best] = -1
	}
	return out
}

// confidantWords names the outside confidants, or says there is none.
func (v *Result) confidantWords(n int) string {
	var names []string
	for _, p := range v.R.People {
		if assess.ProfessionalDistance(p.Side, p.System) && assess.Confidant(p.Candour, p.Frequency, p.Functions) {
			names = append(names, p.Name)
		}
	}
	switch {
	case n == 0 || len(names) == 0:
		return "no one at a professional distance hears the unfiltered version yet"
	case len(names) == 1:
		return names[0] + ", at a professional distance, hears the unfiltered version"
	}
	return ShortList(names) + ", at a professional distance, hear the unfiltered version"
}

// StartHere is the first open gap in rank order: where to start. Nil when
// no gap is open.
func (v *Result) StartHere() *Finding {
	if len(v.Gaps) == 0 {
		return nil
	}
	return &v.Gaps[0]
}

// WarningGroup is warnings shown together: those that name the same one
// person (Person is then their name), or one warning alone.
type WarningGroup struct {
	Person   string
	Warnings []Finding
	// Almost is what the findings say of the people this group names who
	// almost counted for something (see AlmostAbout): shown here, once,
	// and nowhere else, so that each person is spoken of in one place.
	Almost []AlmostLine
}

// WarningGroups lists the warnings for the text summary and the report:
// warnings that name the same single person together under that person,
// in the order their first warning ranks, and every other warning on its
// own. Each person a warning names has their almost lines in the first
// group that names them.
func (v *Result) WarningGroups() []WarningGroup {
	var out []WarningGroup
	index := map[string]int{}
	for _, w := range v.Warnings {
		if len(w.People) != 1 {
			out = append(out, WarningGroup{Warnings: []Finding{w}})
			continue
		}
		key := assess.NameKey(w.People[0])
		if i, ok := index[key]; ok {
			out[i].Warnings = append(out[i].Warnings, w)
			continue
		}
		index[key] = len(out)
		out = append(out, WarningGroup{Person: w.People[0], Warnings: []Finding{w}})
	}
	shown := map[string]bool{}
	for i := range out {
		for _, name := range out[i].Warnings[0].People {
			if key := assess.NameKey(name); !shown[key] {
				shown[key] = true
				out[i].Almost = append(out[i].Almost, v.AlmostAbout(name)...)
			}
		}
	}
	return out
}

// Grouped lists, by NameKey, the people a warning names. What else the
// findings say of them (who almost counted) is shown with that warning
// (WarningGroup.Almost), not among the gaps.
func (v *Result) Grouped() map[string]bool {
	m := map[string]bool{}
	for _, w := range v.Warnings {
		for _, name := range w.People {
			m[assess.NameKey(name)] = true
		}
	}
	return m
}

// AlmostAbout lists what every finding says of one person who almost
// counted, in rank order.
func (v *Result) AlmostAbout(name string) []AlmostLine {
	var out []AlmostLine
	key := assess.NameKey(name)
	for _, f := range append(append([]Finding(nil), v.Gaps...), v.Warnings...) {
		for _, a := range f.Almost {
			if assess.NameKey(a.Name) == key {
				out = append(out, a)
			}
		}
	}
	return out
}

// Date is the day the result was taken, in loc.
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

// ShortList writes names for a line of text: "A", "A and B", "A, B and
// C", "A, B, C and 2 others".
func ShortList(names []string) string {
	if len(names) > MaxNames {
		shown := slices.Clone(names[:MaxNames])
		rest := len(names) - MaxNames
		other := "others"
		if rest == 1 {
			other = "other"
		}
		return strings.Join(shown, ", ") + fmt.Sprintf(" and %d %s", rest, other)
	}
	return assess.JoinAnd(names)
}

// FillName puts a person's name into a finding's text where it says
// {name}.
func FillName(text, name string) string { return strings.ReplaceAll(text, "{name}", name) }

// FillPair puts the two names of a tie into a pair's text, where it
// says {name} and {knows}.
func FillPair(text, name, knows string) string {
	return strings.NewReplacer(assess.PairName, name, assess.PairKnows, knows).Replace(text)
}

// FillNames puts people's names into a strength's text where it says
// {names}.
func FillNames(text string, names []string) string {
	return strings.ReplaceAll(text, "{names}", ShortList(names))
}
