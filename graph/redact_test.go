package graph

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/circle-cli/circle/assess"
)

// TestRedactLeavesNoName renders redacted maps in every format and looks
// for any three characters in a row of any name. Text that the map shows
// for everyone (relationships, gap titles, legend) is allowed where it
// happens to contain such a piece, as long as it appears no more often
// than in the same map with every name replaced by a number (the same
// everywhere the name appears, so the map has the same marks).
func TestRedactLeavesNoName(t *testing.T) {
	rend := NewRenderer()
	defer rend.Close()
	for _, name := range []string{"people-15", "people-60", "ties-15"} {
		res := fixture(t, name)
		red := assess.Redact(res)
		numbers := map[string]string{}
		for i, p := range res.People {
			numbers[assess.NameKey(p.Name)] = strconv.Itoa(i + 1)
		}
		blank := assess.RedactWith(res, numbers)
		for _, l := range Layouts {
			for _, f := range []Format{FormatDOT, FormatSVG} {
				got, err := rend.Map(context.Background(), red, f, Options{Layout: l}, 0)
				if err != nil {
					t.Fatal(err)
				}
				base, err := rend.Map(context.Background(), blank, f, Options{Layout: l}, 0)
				if err != nil {
					t.Fatal(err)
				}
				out, ref := strings.ToLower(string(got)), strings.ToLower(string(base))
				for _, p := range res.People {
					rs := []rune(strings.ToLower(p.Name))
					for i := 0; i+3 <= len(rs); i++ {
						piece := string(rs[i : i+3])
						if strings.Count(out, piece) > strings.Count(ref, piece) {
							t.Errorf("%s %s %s: %q from %q shows in the redacted map", name, l, f, piece, p.Name)
						}
					}
				}
			}
		}
	}
}

// A redacted map draws the same ties, the finding's in its colour: the
// ties are redacted in the same initials as the people they join.
func TestRedactedMapKeepsTies(t *testing.T) {
	res := fixture(t, "ties-15")
	want, got := newModel(res).ties, newModel(assess.Redact(res)).ties
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("the redacted map draws the ties %v, want %v", got, want)
	}
}
