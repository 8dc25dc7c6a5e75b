package graph

import (
	"context"
	"encoding/xml"
	"fmt"
	"html"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/graph/raster"
	"github.com/goccy/go-graphviz"
)

// nastyNames are names that would break a DOT built by string pasting:
// quotes, backslashes and Graphviz's own escapes, braces, HTML, raw line
// breaks, a 5,000-character name, right-to-left text, emoji, bidi
// overrides, invalid UTF-8 and an attempt to inject statements.
var nastyNames = []string{
	`Dana "The Boss" Reyes`,
	`back\slash \N \G \n \l \\ end\`,
	`{braces} [brackets]; a -- b -> c`,
	`<b>bold</b> &amp; <i>x</i> &#65; &bogus`,
	"line one\nline two\r\nthree\ttab",
	strings.Repeat("Long", 1250),
	"דוד כהן",
	"محمد الأحمد",
	"Emoji 🙂 👩‍💻 🏳️‍🌈",
	"\u202eevil override\u202c done",
	"bad \xff\xfe utf8",
	"nul\x00byte",
	`"; node [shape=box]; x="`,
	"} graph { a",
	"Zoë Müller",
	"María José Núñez",
	"李明",
	"   ",
}

// nastyResult puts names and a gap title into a saved result as a
// hand-edited file could hold them, without the checks an interview makes;
// each person knows the next, by name.
func nastyResult(names []string, gapTitle string) *assess.Result {
	r := &assess.Result{
		SchemaVersion: assess.SchemaVersion,
		TakenAt:       fixtureTime,
		Questionnaire: assess.QuestionnaireRef{ID: "leadership-support", Version: 1},
		Findings: []assess.Finding{{ID: "x", Title: gapTitle, Severity: assess.SeverityGap,
			Placeholder: assess.Placement{Side: assess.External, Ring: assess.Inner}}},
	}
	rels := []string{"peer", "coach", "supervisor", "friend"}
	for i, n := range names {
		rel := rels[i%len(rels)]
		side := assess.Internal
		if rel == "coach" || rel == "friend" {
			side = assess.External
		}
		r.People = append(r.People, assess.ResultPerson{Name: n, Relationship: rel, Side: side,
			Power: map[bool]assess.Power{true: assess.PowerOver, false: assess.PowerNone}[rel == "supervisor"], Ring: assess.Rings[i%3], Frequency: assess.Monthly, Candour: 3, Strength: 0.5})
		if i+1 < len(names) {
			r.People[i].Knows = []string{names[i+1]}
		}
	}
	return r
}

// parseDOT parses DOT with go-graphviz, as Render does.
func parseDOT(t testing.TB, dot []byte) (*graphviz.Graph, func()) {
	t.Helper()
	gvMu.Lock()
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		gvMu.Unlock()
		t.Fatalf("go-graphviz cannot read the DOT: %v\n%s", err, dot)
	}
	return g, func() { g.Close(); gvMu.Unlock() }
}

// labelText reads a plain label the way Graphviz draws it: \\ is one
// backslash, \n a line break, HTML entities are decoded. Any other escape
// (\N, \G, ...) would be replaced by Graphviz, so it is reported.
func labelText(v string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] != '\\' {
			b.WriteByte(v[i])
			continue
		}
		if i+1 == len(v) {
			return "", fmt.Errorf("label ends in a lone backslash: %q", v)
		}
		i++
		switch v[i] {
		case '\\':
			b.WriteByte('\\')
		case 'n':
			b.WriteByte('\n')
		default:
			return "", fmt.Errorf("label has the Graphviz escape \\%c: %q", v[i], v)
		}
	}
	return html.UnescapeString(b.String()), nil
}

// checkLabels builds both layouts for names and checks what Graphviz reads
// back: the same nodes and edges as for any names, and every label exactly
// the text the map means to show.
func checkLabels(t *testing.T, names []string, gapTitle, title string) {
	r := nastyResult(names, gapTitle)
	m := newModel(r)
	for _, l := range Layouts {
		dot, err := DOT(r, Options{Layout: l, Title: title})
		if err != nil {
			t.Fatal(err)
		}
		g, done := parseDOT(t, dot)
		nodes, _ := g.NodeNum()
		edges, _ := g.EdgeNum()
		// clusters: you, people, the gap; a line to each, and the ties.
		wantNodes, wantEdges := 1+len(names)+1, len(names)+1+len(m.ties)
		if l == Rings {
			// 3 ring guides, 2 divider ends, 3 ring labels, 2 side
			// labels, you, 3 per person, the gap; and the divider.
			wantNodes, wantEdges = 11+3*len(names)+1, 1+len(names)+1+len(m.ties)
			if !m.hasSide(assess.Internal) {
				wantNodes++
			}
		}
		if nodes != wantNodes || edges != wantEdges {
			t.Errorf("%s: %d nodes and %d edges, want %d and %d: a label changed the graph\n%s", l, nodes, edges, wantNodes, wantEdges, dot)
		}
		if got := g.GetStr("layout"); got != map[Layout]string{Rings: "nop2", Clusters: "dot"}[l] {
			t.Errorf("%s: layout is %q: the title changed a graph attribute", l, got)
		}
		for i, name := range names {
			id := fmt.Sprintf("p%d", i)
			want := DisplayName(name)
			if l == Rings {
				id += "_name"
			} else {
				want += "\n" + relationText(r.People[i].Relationship)
			}
			n, err := g.NodeByName(id)
			if err != nil || n == nil {
				t.Errorf("%s: no node %s for %q", l, id, name)
				continue
			}
			got, err := labelText(n.GetStr("label"))
			if err != nil {
				t.Errorf("%s: %s: %v", l, id, err)
			} else if got != want {
				t.Errorf("%s: %s shows %q, want %q", l, id, got, want)
			}
		}
		if n, err := g.NodeByName("g0"); err == nil && n != nil {
			got, err := labelText(n.GetStr("label"))
			want := strings.Join(gapLines(r.Findings[0]), "\n")
			if err != nil || got != want {
				t.Errorf("%s: the gap shows %q (%v), want %q", l, got, err, want)
			}
		} else {
			t.Errorf("%s: no gap node", l)
		}
		done()
	}
}

func (m *model) hasSide(s assess.Side) bool {
	for _, p := range m.people {
		if p.side == s {
			return true
		}
	}
	for _, g := range m.gaps {
		if g.side == s {
			return true
		}
	}
	return false
}

func TestNastyNamesStayLabels(t *testing.T) {
	checkLabels(t, nastyNames, `Gap "title" with \N and <b>&amp;</b>`, `Title \G "x" <b>`)
}

// FuzzLabelEscaping feeds arbitrary names, gap titles and map titles
// through DOT and go-graphviz's parser. The seeds in
// testdata/fuzz/FuzzLabelEscaping are the nasty names above.
func FuzzLabelEscaping(f *testing.F) {
	f.Add("Dana Reyes", "Zoë Müller", "No thinking partner", "")
	f.Fuzz(func(t *testing.T, a, b, gapTitle, title string) {
		checkLabels(t, []string{a, b}, gapTitle, title)
	})
}

// TestNastyNamesShowAsText renders the nasty names and reads the SVG back:
// it must be well-formed XML, and every name must be the exact text of one
// text element, never markup.
func TestNastyNamesShowAsText(t *testing.T) {
	r := NewRenderer()
	defer r.Close()
	res := nastyResult(nastyNames, "A gap")
	svg, err := r.Map(context.Background(), res, FormatSVG, Options{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]bool{}
	d := xml.NewDecoder(strings.NewReader(string(svg)))
	d.Strict = true
	inText := false
	var cur strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("the SVG is not well-formed: %v", err)
			}
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if inText {
				t.Fatalf("markup <%s> inside a text element: a name became markup", tok.Name.Local)
			}
			inText = tok.Name.Local == "text"
			cur.Reset()
		case xml.CharData:
			if inText {
				cur.Write(tok)
			}
		case xml.EndElement:
			if tok.Name.Local == "text" {
				texts[cur.String()] = true
				inText = false
			}
		}
	}
	for _, n := range nastyNames {
		if want := DisplayName(n); !texts[want] {
			t.Errorf("no text element reads %q (the name %.40q)", want, n)
		}
	}
}

func TestDisplayName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Dana Reyes", "Dana Reyes"},
		{"  Dana \t Reyes \n", "Dana Reyes"},
		{"a\x00b", "a b"},
		{"\u202eevil\u202c", "evil"},
		{"bad \xff", "bad \uFFFD"},
		{"", "?"},
		{"\u2066\u2069", "?"},
		{"李明", "李明"},
		{"Zoë Müller", "Zoë Müller"},
	} {
		if got := DisplayName(c.in); got != c.want {
			t.Errorf("DisplayName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// Long names end in an ellipsis and fit the width a name may take,
	// whatever the script.
	for _, long := range []string{strings.Repeat("Long", 1250), strings.Repeat("李", 300), "Alexandra Konstantinopoulou-Vanderbilt"} {
		got := DisplayName(long)
		if !strings.HasSuffix(got, "…") {
			t.Errorf("DisplayName of %d runes = %q, want an ellipsis at the end", utf8.RuneCountInString(long), got)
		}
		if w := raster.MeasureText(got, fontRegular, true, nameSize); w > maxNameWidth+0.01 {
			t.Errorf("DisplayName(%.20q…) is %.1f points wide, more than %d", long, w, maxNameWidth)
		}
		if !strings.HasPrefix(long, strings.TrimSuffix(got, "…")) {
			t.Errorf("DisplayName(%.20q…) = %q is not the start of the name", long, got)
		}
	}
}

func TestSubtitle(t *testing.T) {
	v := func(f float64) *float64 { return &f }
	for _, c := range []struct {
		balance *float64
		want    string
	}{
		{v(-0.45), "25 Nov 2026 · balance: leans inside (−0.45)"},
		{v(0.2), "25 Nov 2026 · balance: balanced (+0.20)"},
		{v(0.5), "25 Nov 2026 · balance: leans outside (+0.50)"},
		{v(-0.001), "25 Nov 2026 · balance: balanced (0.00)"},
		{nil, "25 Nov 2026 · no one named yet"},
	} {
		r := &assess.Result{TakenAt: fixtureTime, Scores: assess.Scores{{Name: assess.ScoreBalance, Value: c.balance}}}
		if got := subtitle(r, nil); got != c.want {
			t.Errorf("subtitle(%v) = %q, want %q", c.balance, got, c.want)
		}
	}
	// The date is the leader's calendar day when a zone is given.
	r := &assess.Result{TakenAt: time.Date(2026, 11, 25, 23, 30, 0, 0, time.UTC)}
	tokyo := time.FixedZone("JST", 9*3600)
	if got := subtitle(r, tokyo); !strings.HasPrefix(got, "26 Nov 2026") {
		t.Errorf("in Tokyo the subtitle is %q, want 26 Nov 2026", got)
	}
}
