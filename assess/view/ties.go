package view

import (
	"fmt"

	"github.com/circle-cli/circle/assess"
)

// tieWords says what a measure of the ties among people means for this
// circle; "" where the value says it all (a circle of one).
func tieWords(name string, v float64, r *assess.Result) string {
	n := len(r.People)
	t := len(assess.Ties(r.People))
	pairs := n * (n - 1) / 2
	if n == 1 {
		if name == assess.ScoreConstraint {
			return "everything you hear comes through one person"
		}
		return ""
	}
	switch name {
	case assess.ScoreEffectiveSize:
		if t == 0 {
			return fmt.Sprintf("all %d of your people are separate contacts: none knows another", n)
		}
		return fmt.Sprintf("of %d people: the rest overlap, because some of them know each other", n)
	case assess.ScoreEfficiency:
		switch {
		case t == 0:
			return "your people do not know each other: each brings a world of their own"
		case t == pairs:
			return "everyone in your circle knows everyone else: one closely knit world"
		case v >= 0.8:
			return "your people mostly do not know each other: each brings a world of their own"
		case v >= 0.5:
			return "some of your people know each other: a few worlds, partly overlapping"
		}
		return "most of your people know each other: one closely knit world, which may tell you the same things"
	case assess.ScoreConstraint:
		// A circle of n in which nobody knows anybody has the least
		// constraint n people can have, 1/n; ties only add to it. The
		// words say how far above that this circle is.
		lowest := 1 / float64(n)
		switch ratio := v / lowest; {
		case t == 0:
			return fmt.Sprintf("as low as a circle of %d allows: none of your people knows another", n)
		case t == pairs:
			return fmt.Sprintf("as high as a circle of %d can be: everyone in it knows everyone else", n)
		case ratio < 1.5:
			return fmt.Sprintf("a little above the lowest a circle of %d allows (%.2f): few of your people know each other", n, lowest)
		case ratio < 2.5:
			return fmt.Sprintf("well above the lowest a circle of %d allows (%.2f): what you hear often runs through people who know each other", n, lowest)
		}
		return fmt.Sprintf("high for a circle of %d: much of what you hear runs through people who know each other", n)
	case assess.ScoreTieDensity:
		return fmt.Sprintf("%d of the %d pairs of your people know each other", t, pairs)
	}
	return ""
}
