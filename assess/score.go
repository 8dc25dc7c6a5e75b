package assess

import (
	"math"
	"sort"
)

// Network types after Higgins and Kram's developmental networks: range (how
// many different social worlds the ties come from) against strength.
const (
	NetworkEntrepreneurial = "entrepreneurial"
	NetworkOpportunistic   = "opportunistic"
	NetworkTraditional     = "traditional"
	NetworkReceptive       = "receptive"
)

// The bounds DESIGN.md sets for a high range and a high strength.
const (
	HighRange    = 3
	HighStrength = 0.6
)

// Outcome is the full-precision scoring of one set of answers.
type Outcome struct {
	People      []ScoredPerson
	Scores      Scores
	NetworkType string // empty when there is nobody in the circle
	Coverage    []Coverage
	Findings    []Finding
}

// ScoredPerson is a person with their relationship's tags and their tie
// strength.
type ScoredPerson struct {
	Person
	Side     Side
	Power    bool
	System   string
	Strength float64
}

// Coverage says whether a support function is served by someone outside
// the organization.
type Coverage struct {
	Function string `yaml:"function" json:"function"`
	Label    string `yaml:"label" json:"label"`
	Outside  bool   `yaml:"outside" json:"outside"`
}

var ringWeight = map[Ring]float64{Inner: 1, Middle: 2.0 / 3, Outer: 1.0 / 3}

var frequencyWeight = map[Frequency]float64{Weekly: 1, Monthly: 2.0 / 3, Quarterly: 1.0 / 3, Rarely: 0}

// Strength is a person's tie strength in [0,1]: the mean of ring,
// frequency, candour (c-1)/4 and functions min(n,4)/4.
func Strength(p Person) float64 {
	n := math.Min(float64(len(p.Functions)), 4)
	return (ringWeight[p.Ring] + frequencyWeight[p.Frequency] + float64(p.Candour-1)/4 + n/4) / 4
}

// Compute scores answers that Check has accepted against q.
func Compute(q *Questionnaire, a *Answers) Outcome {
	var out Outcome
	var sum, sumExt, sumInt float64
	for _, p := range a.People {
		rel, _ := q.Relationship(p.Relationship)
		sp := ScoredPerson{Person: p, Side: rel.Side, Power: rel.Power, System: rel.System, Strength: Strength(p)}
		out.People = append(out.People, sp)
		sum += sp.Strength
		if sp.Side == External {
			sumExt += sp.Strength
		} else {
			sumInt += sp.Strength
		}
	}

	var balance, concentration, calibration *float64
	if sum > 0 {
		balance = ptr((sumExt - sumInt) / sum)
		h := 0.0
		for _, p := range out.People {
			share := p.Strength / sum
			h += share * share
		}
		concentration = ptr(h)
		if a.Calibration != nil {
			calibration = ptr(*a.Calibration - sumExt/sum*100)
		}
	}

	covered := map[string]bool{}
	for _, p := range out.People {
		if p.Side == External {
			for _, f := range p.Functions {
				covered[f] = true
			}
		}
	}
	n := 0
	for _, f := range q.Functions {
		out.Coverage = append(out.Coverage, Coverage{Function: f.ID, Label: q.FunctionLabel(f.ID), Outside: covered[f.ID]})
		if covered[f.ID] {
			n++
		}
	}
	coverage := 0.0
	if len(q.Functions) > 0 {
		coverage = float64(n) / float64(len(q.Functions))
	}

	out.Scores = Scores{
		{ScoreBalance, balance},
		{ScoreExternalCoverage, ptr(coverage)},
		{ScoreConcentration, concentration},
		{ScoreDiversity, ptr(diversity(len(q.Relationships), out.People))},
		{ScoreCalibrationGap, calibration},
	}
	for _, sub := range q.Subscales() {
		out.Scores = append(out.Scores, NamedScore{sub, subscale(q, a, sub)})
	}
	out.NetworkType = networkType(out.People)
	out.Findings = evaluateRules(q, out.People, out.Scores)
	return out
}

// diversity is the index of qualitative variation of relationship types:
// (1 - Σ p_k²) / (1 - 1/K), with K the number of types defined. It is 0
// with nobody, and with K = 1, where no variation is possible.
func diversity(k int, people []ScoredPerson) float64 {
	if len(people) == 0 || k < 2 {
		return 0
	}
	counts := map[string]int{}
	for _, p := range people {
		counts[p.Relationship]++
	}
	sumSq := 0.0
	for _, c := range counts {
		share := float64(c) / float64(len(people))
		sumSq += share * share
	}
	return (1 - sumSq) / (1 - 1/float64(k))
}

// subscale is the mean answer of the subscale's items (reverse items as
// 6 - a), rescaled from 1..5 to 0..100.
func subscale(q *Questionnaire, a *Answers, name string) *float64 {
	total, n := 0.0, 0
	for _, it := range q.Likert.Items {
		if it.Subscale != name {
			continue
		}
		v, ok := a.Scales[it.ID]
		if !ok {
			continue
		}
		if it.Reverse {
			v = MinAnswer + MaxAnswer - v
		}
		total += float64(v)
		n++
	}
	if n == 0 {
		return nil
	}
	return ptr((total/float64(n) - 1) / 4 * 100)
}

func networkType(people []ScoredPerson) string {
	if len(people) == 0 {
		return ""
	}
	systems := map[string]bool{}
	total := 0.0
	for _, p := range people {
		systems[p.System] = true
		total += p.Strength
	}
	wide := len(systems) >= HighRange
	strong := total/float64(len(people)) >= HighStrength
	switch {
	case wide && strong:
		return NetworkEntrepreneurial
	case wide:
		return NetworkOpportunistic
	case strong:
		return NetworkTraditional
	}
	return NetworkReceptive
}

func ptr(f float64) *float64 { return &f }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
