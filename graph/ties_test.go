package graph

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/circle-cli/circle/assess"
)

// The map draws every tie once, between the right two people, and the
// tie a finding is about in the finding's colour; a pair a finding names
// is drawn even when the people's lists lack it, and a name that is not in
// the circle draws nothing.
func TestModelTies(t *testing.T) {
	r := &assess.Result{People: []assess.ResultPerson{
		{Name: "Dana Reyes", Knows: []string{"Jo Mensah", "Sam Lee"}},
		{Name: "Jo Mensah", Knows: []string{"Dana Reyes", "Someone Gone"}},
		{Name: "Sam Lee", Knows: []string{"Dana Reyes"}},
		{Name: "Ana Ng"},
	}, Findings: []assess.Finding{
		{ID: "confidant-knows-power", Severity: assess.SeverityWarning, People: []string{"Jo Mensah"},
			Pairs: []assess.Pair{{Name: "jo  mensah", Knows: "Dana Reyes"}, {Name: "Ana Ng", Knows: "Sam Lee"}, {Name: "Ana Ng", Knows: "Nobody"}}},
	}}
	got := newModel(r).ties
	want := []tie{{a: 0, b: 1, severity: assess.SeverityWarning}, {a: 0, b: 2}, {a: 2, b: 3, severity: assess.SeverityWarning}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ties %v, want %v", got, want)
	}
}

// The legend explains the ties, and the finding's colour, only on a map
// that draws them.
func TestTieLegend(t *testing.T) {
	for _, tc := range []struct {
		fixture          string
		ties, pairs      bool
		layout           Layout
		tieEdges, pairs2 int
	}{
		{"people-15", false, false, Rings, 0, 0},
		{"ties-5", true, false, Rings, 4, 0},
		{"ties-15", true, true, Rings, 16, 1},
		{"ties-15", true, true, Clusters, 16, 1},
	} {
		dot, err := DOT(fixture(t, tc.fixture), Options{Layout: tc.layout})
		if err != nil {
			t.Fatal(err)
		}
		s := string(dot)
		if strings.Contains(s, tieLegend) != tc.ties || strings.Contains(s, pairLegend) != tc.pairs {
			t.Errorf("%s %s: legend of ties %v and of pairs %v, want %v and %v", tc.fixture, tc.layout,
				strings.Contains(s, tieLegend), strings.Contains(s, pairLegend), tc.ties, tc.pairs)
		}
		ties := regexp.MustCompile(`(?m)^  p[0-9]+ -[->] p[0-9]+ \[`).FindAllString(s, -1)
		pairs := strings.Count(s, `color="`+warningColors.line+`", penwidth=`+num(pairPen))
		if len(ties) != tc.tieEdges || pairs != tc.pairs2 {
			t.Errorf("%s %s: %d ties, %d in amber, want %d and %d", tc.fixture, tc.layout, len(ties), pairs, tc.tieEdges, tc.pairs2)
		}
	}
}

// svgEdgeRE finds each edge of Graphviz's SVG, in the order it is drawn,
// by its title: "a&#45;&#45;b" or "a&#45;&gt;b".
var svgEdgeRE = regexp.MustCompile(`<g id="edge[0-9]+" class="edge">\s*<title>([^<]*)</title>`)

// Ties run under the leader's lines they may cross. In the rings Graphviz
// draws every tie before any line from the leader, and the ties a finding
// is about over the grey ones. In the clusters a tie between the sides is
// drawn before any line from the leader, and every tie before the lines to
// the people outside (dot runs the ties within a side round the outer edge
// of its column, where the lines to the inside do not go).
func TestTiesAreDrawnUnderTheLeadersLines(t *testing.T) {
	r := NewRenderer()
	defer r.Close()
	res := fixture(t, "ties-15")
	m := newModel(res)
	amber, cross := map[string]bool{}, map[string]bool{}
	for _, tt := range m.ties {
		a, b := fmt.Sprintf("p%d", tt.a), fmt.Sprintf("p%d", tt.b)
		amber[a+"-"+b], amber[b+"-"+a] = tt.severity != "", tt.severity != ""
		cross[a+"-"+b], cross[b+"-"+a] = crossesSides(m, tt), crossesSides(m, tt)
	}
	tieRE := regexp.MustCompile(`^p[0-9]+-p[0-9]+$`)
	for _, l := range Layouts {
		svg, err := r.Map(context.Background(), res, FormatSVG, Options{Layout: l}, 0)
		if err != nil {
			t.Fatal(err)
		}
		var order []string
		for _, m := range svgEdgeRE.FindAllStringSubmatch(string(svg), -1) {
			order = append(order, strings.NewReplacer("&#45;&#45;", "-", "&#45;&gt;", "-").Replace(m[1]))
		}
		var leaderLine, outsideLine, seenAmber string
		ties := 0
		for _, e := range order {
			if !tieRE.MatchString(e) {
				if strings.Contains(e, "you") && leaderLine == "" {
					leaderLine = e
				}
				if strings.HasPrefix(e, "you-") && outsideLine == "" {
					outsideLine = e
				}
				continue
			}
			ties++
			switch {
			case (l == Rings || cross[e]) && leaderLine != "":
				t.Errorf("%s: the tie %s is drawn after the line %s from the leader", l, e, leaderLine)
			case outsideLine != "":
				t.Errorf("%s: the tie %s is drawn after the line %s from the leader", l, e, outsideLine)
			case l == Rings && seenAmber != "" && !amber[e]:
				t.Errorf("%s: the grey tie %s is drawn over the amber one %s", l, e, seenAmber)
			}
			if amber[e] {
				seenAmber = e
			}
		}
		if ties != len(m.ties) {
			t.Errorf("%s: %d ties drawn, want %d", l, ties, len(m.ties))
		}
	}
}

// A tie never runs under the leader, where it would read as the leader's
// own line; in circles of 5 and 15 it runs under nobody else's box either,
// so it cannot be taken for that person's tie (past a corner, for a few
// points, at most).
func TestTieCurvesKeepClear(t *testing.T) {
	for _, name := range []string{"ties-5", "ties-15", "ties-60"} {
		m := newModel(fixture(t, name))
		l := layoutRings(m)
		at := map[int]*slot{}
		for _, s := range l.slots {
			if s.person >= 0 {
				at[s.person] = s
			}
		}
		for _, tt := range m.ties {
			a, b := at[tt.a], at[tt.b]
			under := map[string]float64{} // who, and for how many points
			for _, c := range l.tieCurve(a, b) {
				var px, py float64
				for k := 0; k <= 200; k++ {
					u := float64(k) / 200
					v := 1 - u
					x := v*v*v*c[0][0] + 3*v*v*u*c[1][0] + 3*v*u*u*c[2][0] + u*u*u*c[3][0]
					y := v*v*v*c[0][1] + 3*v*v*u*c[1][1] + 3*v*u*u*c[2][1] + u*u*u*c[3][1]
					step := 0.0
					if k > 0 {
						step = math.Hypot(x-px, y-py)
					}
					px, py = x, y
					if math.Hypot(x, y) < leaderSize/2 {
						under["the leader"] += step + 1000
					}
					for _, s := range l.slots {
						if s.person >= 0 && s != a && s != b && math.Abs(x-s.x) < s.w/2 && math.Abs(y-s.y) < s.h/2 {
							under[m.people[s.person].name] += step
						}
					}
				}
			}
			for who, length := range under {
				if who == "the leader" || name != "ties-60" && length > 20 {
					t.Errorf("%s: the tie %s – %s runs %.0f points under %s", name, m.people[tt.a].name, m.people[tt.b].name, length, who)
				}
			}
		}
	}
}
