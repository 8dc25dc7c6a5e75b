package assess

import (
	"fmt"
	"math"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/circle-cli/circle/assess/ordered"
	"github.com/circle-cli/circle/assess/strictyaml"
)

// NamedScore is one score; a nil Value is a score that cannot be computed
// (a balance with nobody in the circle), shown as null.
type NamedScore struct {
	Name  string
	Value *float64
}

// Scores keeps scores in the order they are shown: the core scores, then
// one per Likert subscale. It is written as a mapping in that order.
type Scores []NamedScore

// Get returns the named score; ok is false when there is no such score.
func (s Scores) Get(name string) (v *float64, ok bool) {
	for _, n := range s {
		if n.Name == name {
			return n.Value, true
		}
	}
	return nil, false
}

// Rounded returns the scores rounded to 3 decimals, as results keep them.
func (s Scores) Rounded() Scores {
	out := make(Scores, len(s))
	for i, n := range s {
		out[i] = NamedScore{Name: n.Name}
		if n.Value != nil {
			out[i].Value = ptr(Round3(*n.Value))
		}
	}
	return out
}

// Round3 rounds to 3 decimals; -0 becomes 0 so that it never prints as -0.
func Round3(f float64) float64 {
	r := math.Round(f*1000) / 1000
	if r == 0 {
		return 0
	}
	return r
}

// ScoreRange is the range DESIGN.md's scoring table gives a score, for a
// circle of n people: a saved score outside it was not written by circle
// (it is a loading error), and every drawing can rely on it. Any name
// that is not a core score is a Likert subscale, on [0,100]; a dotted
// name other than the three sources is no score (ok is false).
func ScoreRange(name string, n int) (lo, hi float64, ok bool) {
	switch name {
	case ScoreSourcesInside, ScoreSourcesProfessional, ScoreSourcesPersonal,
		ScoreProfessionalCoverage, ScoreExternalCoverage, ScoreConcentration, ScoreDiversity,
		ScoreEfficiency, ScoreTieDensity:
		return 0, 1, true
	case ScoreBalance:
		return -1, 1, true
	case ScoreOutsideConfidants, ScoreEffectiveSize:
		return 0, float64(n), true
	case ScoreConstraint:
		// Two people who know each other: 2 · (1/2 + 1/2 · 1/2)² = 9/8.
		return 0, MaxConstraint, true
	case ScoreCalibrationGap:
		return -100, 100, true
	case ScoreSources:
		return 0, 0, false
	}
	if strings.Contains(name, ".") {
		return 0, 0, false
	}
	return 0, 100, true
}

// MaxConstraint is the most constraint a circle can have: two people who
// know each other.
const MaxConstraint = 1.125

// DrawRange is the scale on which a drawing of a score over several
// results (trend's sparklines and chart) shows it: the score's range from
// the scoring table, so that 0.18 → 0.15 is a small step and not a full
// swing; for a score whose range grows with the circle (outside
// confidants), from 0 to the largest of values, and at least to 1. ok is
// false for a name that is no score.
func DrawRange(name string, values []*float64) (lo, hi float64, ok bool) {
	lo, hi, ok = ScoreRange(name, 1)
	if !ok {
		return 0, 0, false
	}
	if _, hi2, _ := ScoreRange(name, 2); hi2 != hi {
		lo, hi = 0, 1
		for _, v := range values {
			if v != nil && *v > hi && !math.IsInf(*v, 1) {
				hi = *v
			}
		}
	}
	return lo, hi, true
}

// SourceParts are the three sources, as the keys of the sources object.
var SourceParts = []string{"inside", "outside_professional", "personal"}

// MarshalJSON writes an object with the keys in order; scores named with a
// dot (sources.inside) are one object under the first part (sources),
// null when every part is null.
func (s Scores) MarshalJSON() ([]byte, error) { return s.ordered().MarshalJSON() }

// MarshalYAML writes a mapping with the keys in order, grouped as
// MarshalJSON does.
func (s Scores) MarshalYAML() (any, error) { return s.ordered().MarshalYAML() }

func (s Scores) ordered() ordered.Map[any] {
	m := make(ordered.Map[*float64], len(s))
	for i, n := range s {
		m[i] = ordered.Entry[*float64]{Key: n.Name, Value: n.Value}
	}
	return ordered.Nest(m, func(g ordered.Map[*float64]) bool {
		for _, e := range g {
			if e.Value != nil {
				return false
			}
		}
		return true
	})
}

// UnmarshalYAML reads a mapping of names to numbers or nulls, keeping order;
// a mapping under a name (sources) is read as that name's parts, and a null
// sources as its three parts null.
func (s *Scores) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: scores: want a mapping of score names to numbers", n.Line)
	}
	out := Scores{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(v.Content); j += 2 {
				ns, err := readScore(k.Value+"."+v.Content[j].Value, v.Content[j+1])
				if err != nil {
					return err
				}
				out = append(out, ns)
			}
			continue
		}
		if k.Value == ScoreSources && v.Tag == "!!null" {
			for _, part := range SourceParts {
				out = append(out, NamedScore{Name: ScoreSources + "." + part})
			}
			continue
		}
		ns, err := readScore(k.Value, v)
		if err != nil {
			return err
		}
		out = append(out, ns)
	}
	*s = out
	return nil
}

func readScore(name string, v *yaml.Node) (NamedScore, error) {
	ns := NamedScore{Name: name}
	if v.Tag == "!!null" {
		return ns, nil
	}
	var f float64
	if v.Kind != yaml.ScalarNode || v.Decode(&f) != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return ns, fmt.Errorf("line %d: scores.%s: want a number or null", v.Line, strictyaml.OneLine(name))
	}
	ns.Value = &f
	return ns, nil
}
