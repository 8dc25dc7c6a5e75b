package graph

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/circle-cli/circle/assess"
)

// The change fixtures are comparisons a leader could make: a year of the
// README's quarters, and changes of one kind at a time on the map
// fixtures. The golden files are named change-<name>.dot.
var changeFixtureNames = []string{"q1-q4", "q3-q4", "none", "gained", "lost", "crossed", "opened", "less", "people-60"}

// quarterLater is when the later result of a fixture comparison was taken.
var quarterLater = fixtureTime.AddDate(0, 3, 0)

func changeFixture(t testing.TB, name string) *assess.Comparison {
	t.Helper()
	switch name {
	case "q1-q4":
		return assess.Compare(quarter(t, 1), quarter(t, 4))
	case "q3-q4":
		return assess.Compare(quarter(t, 3), quarter(t, 4))
	case "none":
		return compareFixtures(t, fixtures["people-15"], fixtures["people-15"])
	case "gained":
		return compareFixtures(t, fixtures["people-5"], append(append([]pf(nil), fixtures["people-5"]...),
			per("Kim Park", "coach", in, mo, 5, "thinking_partner", "sounding_board"),
			per("Ruth Adeyemi", "peer_group", mid, mo, 4, "been_there", "thinking_partner"),
			per("Leah Goldberg", "direct_report", out, wk, 3, "honest_feedback")))
	case "lost":
		var later []pf
		for i, p := range fixtures["people-15"] {
			if i%4 != 1 {
				later = append(later, p)
			}
		}
		return compareFixtures(t, fixtures["people-15"], later)
	case "crossed":
		// Tom left the company and is a former colleague now; Priya left
		// too and became a mentor, and closer; Dana moved out a ring.
		later := append([]pf(nil), fixtures["people-5"]...)
		later[0].Ring = out
		later[1].Relationship, later[1].Ring = "mentor", in
		later[2].Relationship, later[2].WasPeer = "former_colleague", false
		return compareFixtures(t, fixtures["people-5"], later)
	case "opened":
		// The coaching ended, the therapist moved away and the peer
		// group stopped meeting: the gaps they had closed open again.
		var later []pf
		for _, p := range fixtures["people-15"] {
			if p.Relationship != "coach" && p.Relationship != "therapist" && p.Relationship != "peer_group" {
				later = append(later, p)
			}
		}
		return compareFixtures(t, fixtures["people-15"], later)
	case "less":
		// Tom, a former peer, stays on the inner ring, but the leader is
		// now careful with him (candour 4 → 2) and he is no longer a
		// thinking partner or sounding board, only honest feedback. The
		// coach is more open now (4 → 5): good news, not marked.
		later := append([]pf(nil), fixtures["people-5"]...)
		later[2].Candour, later[2].Functions = 2, []string{"honest_feedback"}
		later[4].Candour = 5
		return compareFixtures(t, fixtures["people-5"], later)
	case "people-60":
		return compareFixtures(t, sixty(), sixtyLater())
	}
	t.Fatalf("no change fixture %q", name)
	return nil
}

// quarter is the result of examples/quarters/qN.yaml.
func quarter(t testing.TB, n int) *assess.Result {
	t.Helper()
	q, err := assess.LoadQuestionnaire("")
	if err != nil {
		t.Fatal(err)
	}
	_, a, err := assess.ReadAnswersFile(filepath.Join("..", "examples", "quarters", fmt.Sprintf("q%d.yaml", n)), "")
	if err != nil {
		t.Fatal(err)
	}
	return assess.NewResult(q, a, time.Time{})
}

func compareFixtures(t testing.TB, from, to []pf) *assess.Comparison {
	t.Helper()
	a, b := result(t, append([]pf(nil), from...)), result(t, append([]pf(nil), to...))
	b.TakenAt, b.ID = quarterLater, quarterLater.Format(assess.IDFormat)
	return assess.Compare(a, b)
}

// sixtyLater is the sixty-person circle a quarter on: seven people gone,
// a dozen moved a ring, in and out, a few who crossed to the other side, and five new.
func sixtyLater() []pf {
	next := map[assess.Ring]assess.Ring{in: mid, mid: out, out: in}
	var later []pf
	for i, p := range sixty() {
		switch {
		case i%9 == 4:
			continue
		case i%4 == 1:
			p.Ring = next[p.Ring]
		case i%11 == 2:
			if p.Relationship == "coach" || p.Relationship == "mentor" || p.Relationship == "friend" ||
				p.Relationship == "family" || strings.HasPrefix(p.Relationship, "peer_") || p.Relationship == "former_colleague" || p.Relationship == "other_external" {
				p.Relationship = "other_internal"
			} else {
				p.Relationship = "former_colleague"
			}
			if i%2 == 0 {
				p.Ring = next[p.Ring]
			}
		}
		later = append(later, p)
	}
	return append(later,
		per("Wanjiru Kamau", "coach", in, wk, 5, "thinking_partner", "sounding_board"),
		per("Yusuf Demir", "peer_group", mid, mo, 4, "been_there"),
		per("Sofia Lindgren", "direct_report", mid, wk, 3),
		per("Noah Feldman", "friend", out, qu, 4, "life_outside_work"),
		per("Ana Ribeiro", "board", out, qu, 2, "strategic_advice"))
}

// TestChangeFixtures checks that the fixtures hold the changes their
// names promise, so that the golden files test what they claim to.
func TestChangeFixtures(t *testing.T) {
	for _, c := range []struct {
		name                    string
		gained, lost, moved     int
		crossed, closed, opened bool
	}{
		{name: "q1-q4", gained: 2, moved: 1, closed: true},
		{name: "q3-q4", moved: 1, closed: true},
		{name: "none"},
		{name: "gained", gained: 3, closed: true},
		{name: "lost", lost: 4},
		{name: "crossed", moved: 3, crossed: true, closed: true},
		{name: "opened", lost: 3, opened: true},
		// Tom was the one confidant, once a peer and a direct report:
		// single-point-of-support, former-peer-reliance and power-confidant
		// clear, and no-confidant opens.
		{name: "less", closed: true, opened: true},
		// Wanjiru, a coach, closes both outside gaps; Noah, the one friend
		// left, is on the outer ring: life outside work opens.
		{name: "people-60", gained: 5, lost: 7, moved: 17, crossed: true, closed: true, opened: true},
	} {
		cmp := changeFixture(t, c.name)
		crossed := false
		for _, mv := range cmp.Moved {
			crossed = crossed || mv.Crossed
		}
		if len(cmp.Gained) != c.gained || len(cmp.Lost) != c.lost || len(cmp.Moved) != c.moved || crossed != c.crossed {
			t.Errorf("%s: %d gained, %d lost, %d moved, crossed %v; want %d, %d, %d, %v",
				c.name, len(cmp.Gained), len(cmp.Lost), len(cmp.Moved), crossed, c.gained, c.lost, c.moved, c.crossed)
		}
		if closed := len(cmp.GapsClosed) > 0; closed != c.closed {
			t.Errorf("%s: gaps closed %v, want %v", c.name, cmp.GapsClosed, c.closed)
		}
		if opened := len(cmp.GapsOpened) > 0; opened != c.opened {
			t.Errorf("%s: gaps opened %v, want %v", c.name, cmp.GapsOpened, c.opened)
		}
	}
}

// TestChangeDOTGolden pins the change maps' DOT; rewrite the files with
// go test ./graph -run TestChangeDOTGolden -update and review the diff.
func TestChangeDOTGolden(t *testing.T) {
	for _, name := range changeFixtureNames {
		t.Run(name, func(t *testing.T) {
			got, err := ChangeDOT(changeFixture(t, name), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", "change-"+name+".dot"), got)
		})
	}
}

// TestChangeMapRenders draws every change fixture as SVG and PNG. With
// -maps DIR it keeps them there, to look at.
func TestChangeMapRenders(t *testing.T) {
	dir := *mapsDir
	r := NewRenderer()
	defer r.Close()
	for _, name := range changeFixtureNames {
		c := changeFixture(t, name)
		formats := []Format{FormatSVG}
		if dir != "" || name == "q1-q4" || name == "people-60" {
			formats = Formats // PNG is the slow one; two are enough in a normal run
		}
		for _, f := range formats {
			b, err := r.ChangeMap(context.Background(), c, f, Options{}, 0)
			if err != nil {
				t.Fatalf("%s %s: %v", name, f, err)
			}
			if !looksLike(f, b) {
				t.Errorf("%s: the %s output does not start as a %s file should", name, f, f)
			}
			if dir != "" {
				if err := os.WriteFile(filepath.Join(dir, "change-"+name+"."+string(f)), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

var viaRE = regexp.MustCompile(`(was[0-9]+)_via[0-9]+ \[[^\]]*pos="(-?[0-9.]+),(-?[0-9.]+)!"`)

// TestChangeLayoutClear: on every change map, ghosts included, no box
// overlaps another, the leader, the ring names or the divider; and no
// arrow of a move runs near the leader, where it would read as a line from
// them, or crosses to the other half.
func TestChangeLayoutClear(t *testing.T) {
	for _, name := range changeFixtureNames {
		c := changeFixture(t, name)
		cm := newChangeModel(c)
		l := layoutRings(cm.m)
		if g := l.crowdedRing(); g >= 0 {
			t.Errorf("%s: boxes overlap on the %s ring", name, ringNames[g])
		}
		dot, err := ChangeDOT(c, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range viaRE.FindAllStringSubmatch(string(dot), -1) {
			var x, y float64
			fmt.Sscan(m[2], &x)
			fmt.Sscan(m[3], &y)
			if d := math.Hypot(x, y); d < leaderSize/2+20 {
				t.Errorf("%s: the arrow from %s passes %.0f points from the leader", name, m[1], d)
			}
			if math.Abs(x) < 4 {
				t.Errorf("%s: the arrow from %s crosses the divider at (%.0f, %.0f)", name, m[1], x, y)
			}
		}
	}
}

// dotNode is a node of a parsed DOT: its attributes as Graphviz read them.
type dotNode map[string]string

// readChangeDOT parses a change map with go-graphviz, as Render does, and
// returns its nodes by name and its edges as "tail -- head" with their
// attributes.
func readChangeDOT(t *testing.T, dot []byte) (nodes map[string]dotNode, edges map[string]dotNode) {
	t.Helper()
	g, done := parseDOT(t, dot)
	defer done()
	nodes, edges = map[string]dotNode{}, map[string]dotNode{}
	attrs := []string{"label", "style", "color", "fillcolor", "fontcolor", "fontname", "penwidth", "peripheries", "dir", "arrowhead"}
	n, err := g.FirstNode()
	for ; err == nil && n != nil; n, err = g.NextNode(n) {
		name, _ := n.Name()
		a := dotNode{}
		for _, k := range attrs {
			a[k] = n.GetStr(k)
		}
		nodes[name] = a
		e, err := g.FirstOut(n)
		for ; err == nil && e != nil; e, err = g.NextOut(e) {
			head := e.Node()
			hn, _ := head.Name()
			ea := dotNode{}
			for _, k := range attrs {
				ea[k] = e.GetStr(k)
			}
			edges[name+" -- "+hn] = ea
		}
	}
	return nodes, edges
}

// TestChangeMarks reads back the change maps from the first quarter to the
// last and of people lost, and checks that each kind of change carries its
// marks: the texts a leader reads and the styles that set them apart.
func TestChangeMarks(t *testing.T) {
	c := changeFixture(t, "q1-q4")
	dot, err := ChangeDOT(c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	nodes, edges := readChangeDOT(t, dot)
	label := func(id string) string {
		t.Helper()
		n, ok := nodes[id]
		if !ok {
			t.Fatalf("no node %s", id)
		}
		s, err := labelText(n["label"])
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	idOf := func(name string) string {
		for i, p := range c.To.People {
			if p.Name == name {
				return fmt.Sprintf("p%d", i)
			}
		}
		t.Fatalf("%s is not in the later result", name)
		return ""
	}

	// Kim Park and Ruth Adeyemi are new: green, thick, "new".
	for _, name := range []string{"Kim Park", "Ruth Adeyemi"} {
		id := idOf(name)
		if got := label(id + "_name"); got != name {
			t.Errorf("%s shows %q", id, got)
		}
		if n := nodes[id]; n["color"] != gainedLine || n["penwidth"] != "2.6" {
			t.Errorf("%s (gained) has colour %s and pen %s, want %s and 2.6", name, n["color"], n["penwidth"], gainedLine)
		}
		if got, n := label(id+"_note"), nodes[id+"_note"]; got != noteGained || n["fontcolor"] != gainedText || n["fontname"] != fontBold {
			t.Errorf("%s's note is %q in %s %s, want %q in bold %s", name, got, n["fontname"], n["fontcolor"], noteGained, gainedText)
		}
	}
	// Sam Ortiz moved out from the inner ring: at the middle ring now,
	// "was inner"; a dotted grey ghost on the inner ring points at him.
	sam := idOf("Sam Ortiz")
	if got := label(sam + "_note"); got != "was inner" {
		t.Errorf("Sam's note is %q, want %q", got, "was inner")
	}
	if n := nodes["was0"]; !strings.Contains(n["style"], "dotted") || n["color"] != ghostLine {
		t.Errorf("Sam's ghost is %s %s, want dotted %s", n["style"], n["color"], ghostLine)
	}
	if got, n := label("was0_name"), nodes["was0_name"]; got != "Sam Ortiz" || n["fontcolor"] != ghostText {
		t.Errorf("Sam's ghost shows %q in %s, want \"Sam Ortiz\" in %s", got, n["fontcolor"], ghostText)
	}
	if got := label("was0_note"); got != "moved to middle" {
		t.Errorf("Sam's ghost says %q, want %q", got, "moved to middle")
	}
	if !arrowFrom(edges, "was0", sam) {
		t.Error("no arrow from Sam's ghost to Sam")
	}
	if _, ok := edges["you -- was0"]; ok {
		t.Error("a moved person's old place has a line from the leader, as if they were there twice")
	}
	// Gaps closed between the quarters are gone.
	for _, g := range c.GapsClosed {
		if strings.Contains(string(dot), quote(gapLines(g)...)) {
			t.Errorf("the closed gap %q is still drawn", g.Title)
		}
	}
	if !strings.Contains(string(dot), "What changed · 31 Dec 2025 → 30 Sep 2026") {
		t.Error("the title does not say what changed between which dates")
	}

	// Lost people are grey dashed ghosts on their old side and ring.
	c = changeFixture(t, "lost")
	dot, err = ChangeDOT(c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	nodes, edges = readChangeDOT(t, dot)
	cm := newChangeModel(c)
	l := layoutRings(cm.m)
	for i, p := range c.Lost {
		id := fmt.Sprintf("lost%d", i)
		if got := label(id + "_name"); got != DisplayName(p.Name) {
			t.Errorf("%s shows %q, want %q", id, got, p.Name)
		}
		if n := nodes[id]; !strings.Contains(n["style"], "dashed") || n["fillcolor"] != ghostFill || n["color"] != ghostLine || n["peripheries"] == "2" {
			t.Errorf("%s (%s) is %s %s on %s, peripheries %s: not a grey dashed ghost", id, p.Name, n["style"], n["color"], n["fillcolor"], n["peripheries"])
		}
		for _, part := range []string{"_name", "_rel", "_note"} {
			if fc := nodes[id+part]["fontcolor"]; fc != ghostText {
				t.Errorf("%s%s is in %s, want the ghosts' grey %s", id, part, fc, ghostText)
			}
		}
		if got := label(id + "_note"); got != noteLost {
			t.Errorf("%s says %q, want %q", id, got, noteLost)
		}
		if e := edges["you -- "+id]; e == nil || e["style"] != "dotted" {
			t.Errorf("the line to %s is %v, want dotted", id, e)
		}
		for _, s := range l.slots {
			if s.person >= 0 && cm.ids[s.person] == id {
				if (s.x > 0) != (p.Side == assess.External) || s.ring != ringIndex[p.Ring] {
					t.Errorf("%s stands at (%.0f, %.0f) on ring %d; was %s, %s", p.Name, s.x, s.y, s.ring, p.Side, p.Ring)
				}
			}
		}
	}
	if !strings.Contains(string(dot), "4 no longer named") {
		t.Error("the summary does not count the people no longer named")
	}
}

// arrowFrom reports whether the edges hold an arrow from one node to
// another: a chain of edges through the first one's _via points, the last
// with an arrowhead at the other.
func arrowFrom(edges map[string]dotNode, from, to string) bool {
	cur := from
	for steps := 0; steps < 100; steps++ {
		var next string
		for k := range edges {
			tail, head, _ := strings.Cut(k, " -- ")
			if tail == cur && (head == to || strings.HasPrefix(head, from+"_via")) {
				next = head
			}
		}
		switch {
		case next == to:
			e := edges[cur+" -- "+to]
			return e["dir"] == "forward" && e["arrowhead"] == "normal"
		case next == "":
			return false
		}
		cur = next
	}
	return false
}

// TestChangeCrossed: someone who left the organization is drawn on the
// outside half now, says they were inside, and their ghost on the inside
// half says they moved out.
func TestChangeCrossed(t *testing.T) {
	c := changeFixture(t, "crossed")
	cm := newChangeModel(c)
	l := layoutRings(cm.m)
	at := map[string]*slot{}
	for _, s := range l.slots {
		if s.person >= 0 {
			at[cm.ids[s.person]] = s
		}
	}
	for i, mv := range c.Moved {
		if !mv.Crossed {
			continue
		}
		var now string
		for j, p := range c.To.People {
			if p.Name == mv.Name {
				now = fmt.Sprintf("p%d", j)
			}
		}
		ghost := fmt.Sprintf("was%d", i)
		if at[now] == nil || at[ghost] == nil {
			t.Fatalf("%s: no box now (%v) or before (%v)", mv.Name, at[now], at[ghost])
		}
		if at[now].x <= 0 || at[ghost].x >= 0 {
			t.Errorf("%s went outside, but stands at x=%.0f now and x=%.0f before", mv.Name, at[now].x, at[ghost].x)
		}
		p := cm.m.people[at[now].person]
		if !strings.HasPrefix(p.note, "was inside") {
			t.Errorf("%s's note is %q, want it to say they were inside", mv.Name, p.note)
		}
	}
	dot, err := ChangeDOT(c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"was inside"`, `"was inside, middle"`, `"moved outside, inner"`, `"was middle"`} {
		if !strings.Contains(string(dot), want) {
			t.Errorf("the crossed change map has no %s", want)
		}
	}
}

// TestChangeLosses: someone who stayed where they were but whom the
// leader is less open with, and who no longer gives some support, has it
// said on their box, in the gaps' colour, and the legend explains it;
// more candour and new support are not marked. The Q1 → Q4 map says it
// beside Sam's move.
func TestChangeLosses(t *testing.T) {
	c := changeFixture(t, "less")
	dot, err := ChangeDOT(c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	nodes, edges := readChangeDOT(t, dot)
	// Tom Becker is p2: inner both times, candour 4 → 2, thinking partner
	// and sounding board gone, honest feedback new.
	var got []string
	for i := 0; ; i++ {
		n, ok := nodes[fmt.Sprintf("p2_loss%d", i)]
		if !ok {
			break
		}
		s, err := labelText(n["label"])
		if err != nil {
			t.Fatal(err)
		}
		if n["fontcolor"] != gapColors.text {
			t.Errorf("the line %q is in %s, want %s", s, n["fontcolor"], gapColors.text)
		}
		got = append(got, s)
	}
	if want := "candour 4→2|no longer: thinking partner,|sounding board"; strings.Join(got, "|") != want {
		t.Errorf("Tom's box says %q, want %q", strings.Join(got, "|"), want)
	}
	if _, ok := nodes["p2_note"]; ok {
		t.Error("Tom did not move, but his box has a note")
	}
	if e := edges["you -- p2"]; e == nil {
		t.Error("no line from the leader to Tom")
	}
	// Marcus (p4) is more open now: no mark.
	if _, ok := nodes["p4_loss0"]; ok {
		t.Error("more candour is marked as a loss")
	}
	for _, want := range []string{"1 with less candour or support", "Less candour, or support they no longer give",
		"Cleared: One person hears the unfiltered version"} {
		if !strings.Contains(string(dot), want) {
			t.Errorf("the map does not say %q", want)
		}
	}
	// Tom's box holds its three extra lines without touching anyone.
	cm := newChangeModel(c)
	if g := layoutRings(cm.m).crowdedRing(); g >= 0 {
		t.Errorf("boxes overlap on the %s ring", ringNames[g])
	}

	dot, err = ChangeDOT(changeFixture(t, "q1-q4"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`label="was inner"`, `label="candour 4→3"`, `label="no longer: thinking partner,"`} {
		if !strings.Contains(string(dot), want) {
			t.Errorf("Sam's box on the Q1 → Q4 map has no %s", want)
		}
	}
}

// TestChangeNothing: with nothing changed, the change map is the later
// map with no change marks, and says so.
func TestChangeNothing(t *testing.T) {
	c := changeFixture(t, "none")
	dot, err := ChangeDOT(c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, mark := range []string{"_note", "lost", "was", "dir=forward", newPrefix, "named for the first time", "no longer named"} {
		if strings.Contains(string(dot), mark) {
			t.Errorf("a change map with no change has %q", mark)
		}
	}
	if !strings.Contains(string(dot), "No one new, gone or moved, and no gap opened or closed") {
		t.Error("the change map with no change does not say so")
	}
	plain, err := DOT(c.To, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Everything below the header is the later result's map.
	body := func(b []byte) string { return string(b[strings.Index(string(b), "\n  node"):]) }
	if body(dot) != body(plain) {
		t.Errorf("with no change the map differs from the later result's own\n%s", firstDiff([]byte(body(dot)), []byte(body(plain))))
	}
}

// TestChangeOpenedGaps: a gap that opened is drawn bold with "New:", one
// still open as on the normal map.
func TestChangeOpenedGaps(t *testing.T) {
	// Back from the second quarter to the first: the gaps the coach
	// closed open again; the others stay open.
	c := assess.Compare(quarter(t, 2), quarter(t, 1))
	if len(c.GapsOpened) == 0 || len(c.To.Findings) == len(c.GapsOpened) {
		t.Fatalf("want some gaps opened and some still open; %d of %d opened", len(c.GapsOpened), len(c.To.Findings))
	}
	dot, err := ChangeDOT(c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	nodes, _ := readChangeDOT(t, dot)
	opened := map[string]bool{}
	for _, g := range c.GapsOpened {
		opened[g.ID] = true
	}
	for i, g := range c.To.Findings {
		n := nodes[fmt.Sprintf("g%d", i)]
		got, err := labelText(n["label"])
		if err != nil {
			t.Fatal(err)
		}
		isNew := strings.HasPrefix(got, newPrefix)
		if isNew != opened[g.ID] || (n["penwidth"] == "2.8") != opened[g.ID] {
			t.Errorf("%s: label %q, pen %s; opened %v", g.ID, got, n["penwidth"], opened[g.ID])
		}
	}
}

func TestChangeDOTRefuses(t *testing.T) {
	for _, c := range []*assess.Comparison{nil, {}, {From: fixture(t, "people-1")}} {
		if _, err := ChangeDOT(c, Options{}); err == nil {
			t.Errorf("ChangeDOT(%v) drew", c)
		}
	}
	if _, err := ChangeDOT(changeFixture(t, "none"), Options{Layout: Clusters}); err == nil {
		t.Error("a change map was drawn in the clusters layout")
	}
	r := NewRenderer()
	defer r.Close()
	if _, err := r.ChangeMap(context.Background(), changeFixture(t, "none"), "jpg", Options{}, 0); err == nil {
		t.Error("ChangeMap rendered a jpg")
	}
}

// changeNodeRE is every node name a change map may have.
var changeNodeRE = regexp.MustCompile(`^(ring_(inner|middle|outer)|ringlabel_(inner|middle|outer)|divider_(top|bottom)|side_(inside|outside)|empty_(inside|outside)|you|g[0-9]+|(p|lost|was)[0-9]+(_name|_rel|_note|_loss[0-9]+)?|was[0-9]+_via[0-9]+)$`)

// checkChangeLabels compares a circle of nasty names with a later one
// where some are gone, some new and some moved, and reads the change map
// back: every node is one the map means to draw, and every name label is
// exactly the name as DisplayName shows it.
func checkChangeLabels(t *testing.T, names []string, title string) {
	half := len(names) / 2
	from := nastyResult(names[:half+len(names)%2+half/2], "a gap")
	to := nastyResult(names[half/2:], `New "gap" \N <b>`)
	for i := range to.People {
		if i%3 == 0 {
			to.People[i].Ring = assess.Rings[(i+1)%3]
		}
		if i%2 == 1 {
			// Less candour: a line on the box that names nobody.
			to.People[i].Candour = 1
		}
	}
	to.Findings[0].ID = "y" // a gap that opened; "x" closed
	to.TakenAt = quarterLater
	c := assess.Compare(from, to)
	dot, err := ChangeDOT(c, Options{Title: title})
	if err != nil {
		t.Fatal(err)
	}
	g, done := parseDOT(t, dot)
	defer done()
	if got := g.GetStr("layout"); got != "nop2" {
		t.Errorf("layout is %q: the title changed a graph attribute", got)
	}
	cm := newChangeModel(c)
	// Count the nodes and edges the map means to draw; the points an
	// arrow bends at are left out, and each arrow counts once, by its last
	// piece.
	// The frame and the gap; the divider, the gap's line and the ties.
	wantNodes, wantEdges := 11+1, 1+1+len(cm.m.ties)
	for i, p := range cm.m.people {
		wantNodes += 3 + len(p.losses)
		if p.note != "" {
			wantNodes++
		}
		if cm.kinds[i] != movedGhost || cm.arrowed(i) {
			wantEdges++ // a line from the leader, or an arrow
		}
	}
	for _, sd := range []assess.Side{assess.Internal, assess.External} {
		if !cm.m.hasSide(sd) {
			wantNodes++
		}
	}
	via := regexp.MustCompile(`^was[0-9]+_via[0-9]+$`)
	nodes, edges := 0, 0
	n, err := g.FirstNode()
	for ; err == nil && n != nil; n, err = g.NextNode(n) {
		name, _ := n.Name()
		if !changeNodeRE.MatchString(name) {
			t.Errorf("a node %q that the map does not draw", name)
		}
		if via.MatchString(name) {
			continue
		}
		nodes++
		// Each edge once, at its head, unless that is a bend.
		e, err := g.FirstIn(n)
		for ; err == nil && e != nil; e, err = g.NextIn(e) {
			edges++
		}
	}
	if nodes != wantNodes || edges != wantEdges {
		t.Errorf("%d nodes and %d edges, want %d and %d: a label changed the graph\n%s", nodes, edges, wantNodes, wantEdges, dot)
	}
	for i, p := range cm.m.people {
		n, err := g.NodeByName(cm.ids[i] + "_name")
		if err != nil || n == nil {
			t.Errorf("no name node for %q", p.name)
			continue
		}
		got, err := labelText(n.GetStr("label"))
		if err != nil {
			t.Errorf("%s: %v", cm.ids[i], err)
		} else if got != p.name {
			t.Errorf("%s shows %q, want %q", cm.ids[i], got, p.name)
		}
	}
}

func TestChangeNastyNamesStayLabels(t *testing.T) {
	checkChangeLabels(t, nastyNames, `Title \G "x" <b> & {braces}`+"\nsecond line")
}

// FuzzChangeLabels feeds arbitrary names and titles through ChangeDOT and
// go-graphviz's parser.
func FuzzChangeLabels(f *testing.F) {
	f.Add("Dana Reyes", "Zoë Müller", "Sam \"Q\" {x}\nOrtiz", "")
	f.Add(`"; node [shape=box]; x="`, "} graph { a", `back\slash \N`, "What \\G changed")
	f.Fuzz(func(t *testing.T, a, b, c, title string) {
		checkChangeLabels(t, []string{a, b, c, "Fixed Person"}, title)
	})
}

// TestChangeTitle: Options.Title replaces the words of the title, never the
// dates, and the dates are the leader's calendar days.
func TestChangeTitle(t *testing.T) {
	c := changeFixture(t, "none")
	hawaii := time.FixedZone("HST", -10*3600)
	dot, err := ChangeDOT(c, Options{Title: "Our year", Location: hawaii})
	if err != nil {
		t.Fatal(err)
	}
	if want := "<B>Our year · 24 Nov 2026 → 24 Feb 2027</B>"; !strings.Contains(string(dot), want) {
		t.Errorf("the title is not %q", want)
	}
	long := strings.Repeat("A very long title ", 20)
	dot, err = ChangeDOT(c, Options{Title: long})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(dot), "… · 25 Nov 2026 → 25 Feb 2027</B>") {
		t.Error("a long title is not cut before the dates")
	}
}

// TestChangeTies: a tie new since the earlier result is drawn green, one
// gone between two people still in the circle dashed grey, both in the
// legend and counted in the title; a tie to someone no longer named goes
// with their ghost.
func TestChangeTies(t *testing.T) {
	q3, q4 := quarter(t, 3), quarter(t, 4)
	// Q3: Dana knows Sam; Kim knows Ruth. Q4: Kim and Ruth still know each
	// other, Dana and Sam no longer do, and Kim now knows Dana.
	q3.TiesAsked, q4.TiesAsked = true, true
	setKnows := func(r *assess.Result, pairs ...[2]string) {
		for i := range r.People {
			r.People[i].Knows = nil
		}
		for _, p := range pairs {
			for i := range r.People {
				switch r.People[i].Name {
				case p[0]:
					r.People[i].Knows = append(r.People[i].Knows, p[1])
				case p[1]:
					r.People[i].Knows = append(r.People[i].Knows, p[0])
				}
			}
		}
	}
	setKnows(q3, [2]string{"Dana Reyes", "Sam Ortiz"}, [2]string{"Kim Park", "Ruth Adeyemi"})
	setKnows(q4, [2]string{"Kim Park", "Ruth Adeyemi"}, [2]string{"Dana Reyes", "Kim Park"})
	c := assess.Compare(q3, q4)
	if len(c.TiesGained) != 1 || len(c.TiesLost) != 1 {
		t.Fatalf("gained %v lost %v, want one each", c.TiesGained, c.TiesLost)
	}
	dot, err := ChangeDOT(c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, edges := readChangeDOT(t, dot)
	index := map[string]int{}
	for i, p := range q4.People {
		index[p.Name] = i
	}
	edge := func(a, b string) map[string]string {
		i, j := index[a], index[b]
		if i > j {
			i, j = j, i
		}
		return edges[fmt.Sprintf("p%d -- p%d", i, j)]
	}
	if e := edge("Dana Reyes", "Kim Park"); e == nil || e["color"] != gainedLine || e["style"] == "dashed" {
		t.Errorf("the new tie Dana–Kim: %v, want solid %s", e, gainedLine)
	}
	if e := edge("Dana Reyes", "Sam Ortiz"); e == nil || e["color"] != ghostLine || e["style"] != "dashed" {
		t.Errorf("the tie gone, Dana–Sam: %v, want dashed %s", e, ghostLine)
	}
	if e := edge("Kim Park", "Ruth Adeyemi"); e == nil || e["color"] != tieColor {
		t.Errorf("the tie kept, Kim–Ruth: %v, want the plain %s", e, tieColor)
	}
	for _, want := range []string{"1 new tie", "1 tie gone", "Green line: they know each other now, not then", "Dashed grey line: they knew each other then, not now"} {
		if !strings.Contains(string(dot), want) {
			t.Errorf("the map does not say %q", want)
		}
	}
}
