package assess

import (
	"math"
	"slices"
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
	// Findings are the open gaps and warnings, ranked; Strengths the
	// require rules that hold.
	Findings  []Finding
	Strengths []Strength
}

// ScoredPerson is a person with their relationship's tags and their tie
// strength.
type ScoredPerson struct {
	Person
	Side     Side
	Power    Power
	System   string
	Strength float64
}

func (p ScoredPerson) professional() bool { return ProfessionalDistance(p.Side, p.System) }
func (p ScoredPerson) confidant() bool    { return Confidant(p.Candour, p.Frequency, p.Functions) }

// ProfessionalDistance reports whether a tie has professional distance:
// outside the organization, and not from the leader's personal life.
func ProfessionalDistance(side Side, system string) bool {
	return side == External && system != SystemPersonal
}

// Confidant reports whether a person is a confidant: candour 4 or more, a
// thinking partner or sounding board, talked to more than rarely.
func Confidant(candour int, f Frequency, functions []string) bool {
	return candour >= 4 && f != Rarely &&
		(slices.Contains(functions, "thinking_partner") || slices.Contains(functions, "sounding_board"))
}

// Coverage says whether a support function is served by someone outside
// the organization.
type Coverage struct {
	Function string `yaml:"function" json:"function"`
	Label    string `yaml:"label" json:"label"`
	Outside  bool   `yaml:"outside" json:"outside"`
	// Professional is whether someone with professional distance, talked
	// to more than rarely, serves it. Not recorded in version 1.
	Professional bool `yaml:"professional" json:"professional"`
}

var ringWeight = map[Ring]float64{Inner: 1, Middle: 2.0 / 3, Outer: 1.0 / 3}

var frequencyWeight = map[Frequency]float64{Weekly: 1, Monthly: 2.0 / 3, Quarterly: 1.0 / 3, Rarely: 0}

// TieStrength is a person's tie strength in [0,1]: the mean of ring,
// frequency, candour (c-1)/4 and functions min(n,4)/4.
func TieStrength(p Person) float64 {
	n := math.Min(float64(len(p.Functions)), 4)
	return (ringWeight[p.Ring] + frequencyWeight[p.Frequency] + float64(p.Candour-1)/4 + n/4) / 4
}

// Compute scores answers that Check has accepted against q.
func Compute(q *Questionnaire, a *Answers) Outcome {
	var out Outcome
	var sum, sumExt, sumInt, sumPersonal, sumProfessional float64
	confidants := 0
	joined := JoinTies(a.People)
	for _, p := range joined {
		rel, _ := q.Relationship(p.Relationship)
		sp := ScoredPerson{Person: p, Side: rel.Side, Power: rel.Power, System: rel.System, Strength: TieStrength(p)}
		out.People = append(out.People, sp)
		sum += sp.Strength
		switch {
		case sp.Side != External:
			sumInt += sp.Strength
		case sp.System == SystemPersonal:
			sumExt += sp.Strength
			sumPersonal += sp.Strength
		default:
			sumExt += sp.Strength
			sumProfessional += sp.Strength
		}
		if sp.professional() && sp.confidant() {
			confidants++
		}
	}

	var inside, personal, professional, balance, concentration, calibration *float64
	if sum > 0 {
		// Three shares of one sum: they add up to 1 before rounding.
		inside, personal = ptr(sumInt/sum), ptr(sumPersonal/sum)
		professional = ptr(sumProfessional / sum)
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

	outside, near := map[string]bool{}, map[string]bool{}
	for _, p := range out.People {
		for _, f := range p.Functions {
			if p.Side == External {
				outside[f] = true
			}
			if p.professional() && p.Frequency != Rarely {
				near[f] = true
			}
		}
	}
	nOutside, nNear, nCounted := 0, 0, 0
	for _, f := range q.Functions {
		out.Coverage = append(out.Coverage, Coverage{Function: f.ID, Label: q.FunctionLabel(f.ID), Outside: outside[f.ID], Professional: near[f.ID]})
		if outside[f.ID] {
			nOutside++
		}
		if f.ID != FunctionLifeOutsideWork {
			nCounted++
			if near[f.ID] {
				nNear++
			}
		}
	}
	var externalCoverage, professionalCoverage *float64
	if len(q.Functions) > 0 {
		externalCoverage = ptr(float64(nOutside) / float64(len(q.Functions)))
	}
	if nCounted > 0 {
		professionalCoverage = ptr(float64(nNear) / float64(nCounted))
	}

	out.Scores = Scores{
		{ScoreSourcesInside, inside},
		{ScoreSourcesProfessional, professional},
		{ScoreSourcesPersonal, personal},
		{ScoreProfessionalCoverage, professionalCoverage},
		{ScoreOutsideConfidants, ptr(float64(confidants))},
		{ScoreBalance, balance},
		{ScoreExternalCoverage, externalCoverage},
		{ScoreConcentration, concentration},
		{ScoreDiversity, ptr(diversity(len(q.Relationships), out.People))},
		{ScoreCalibrationGap, calibration},
	}
	// Null, not zero, when who knows whom was not asked.
	var ties TieMeasures
	if a.TiesAsked {
		ties = MeasureTies(joined)
	}
	out.Scores = append(out.Scores,
		NamedScore{ScoreEffectiveSize, ties.EffectiveSize},
		NamedScore{ScoreEfficiency, ties.Efficiency},
		NamedScore{ScoreConstraint, ties.Constraint},
		NamedScore{ScoreTieDensity, ties.Density},
	)
	for _, sub := range q.Subscales() {
		out.Scores = append(out.Scores, NamedScore{sub, subscale(q, a, sub)})
	}
	out.NetworkType = networkType(out.People)
	out.Findings, out.Strengths = evaluateRules(q, out.People, out.Scores)
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
