package cmd

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/circle-cli/circle/assess"
)

func exportFixture(t *testing.T) *assess.Result {
	t.Helper()
	q, a, err := assess.ReadAnswersFile("../examples/answers.yaml", "")
	if err != nil {
		t.Fatal(err)
	}
	return assess.NewResult(q, a, time.Date(2026, 9, 30, 10, 0, 0, 0, time.UTC))
}

// A coach's or researcher's tool reads the GraphML as XML: it must parse,
// and carry the leader as the ego, every person as a node with their
// attributes, an edge to each, and every score as a graph attribute.
func TestGraphMLParsesAndCarriesEverything(t *testing.T) {
	r := exportFixture(t)
	var buf bytes.Buffer
	if err := writeGraphML(&buf, r); err != nil {
		t.Fatal(err)
	}
	var g parsedGraphML
	if err := xml.Unmarshal(buf.Bytes(), &g); err != nil {
		t.Fatalf("the GraphML is not XML: %v", err)
	}
	if len(g.Graph.Nodes) != len(r.People)+1 || len(g.Graph.Edges) != len(r.People) {
		t.Fatalf("%d nodes and %d edges for %d people, want one node each plus the ego, and an edge each",
			len(g.Graph.Nodes), len(g.Graph.Edges), len(r.People))
	}
	names := map[string]bool{}
	for _, n := range g.Graph.Nodes {
		for _, d := range n.Data {
			if d.Key == "n_name" {
				names[d.Value] = true
			}
		}
	}
	for _, p := range r.People {
		if !names[p.Name] {
			t.Errorf("%s is not a node", p.Name)
		}
	}
	keys := map[string]bool{}
	for _, k := range g.Keys {
		keys[k.Name] = true
	}
	for _, s := range r.Scores {
		if !keys[s.Name] {
			t.Errorf("score %s is not a graph attribute", s.Name)
		}
	}
}

// csvRows exports r as CSV and reads it back as a spreadsheet would.
func csvRows(t *testing.T, r *assess.Result) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := writeCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestCSVHasAHeaderAndARowPerPerson(t *testing.T) {
	r := exportFixture(t)
	rows := csvRows(t, r)
	if strings.Join(rows[0], ",") != strings.Join(csvColumns, ",") || len(rows) != len(r.People)+1 {
		t.Errorf("header %v and %d rows for %d people", rows[0], len(rows)-1, len(r.People))
	}
}

// Exports of two quarters, their headers dropped, make one table: every
// row says which result it is from and when that was taken, in UTC
// whatever the zone it was recorded in.
func TestCSVRowsOfSeveralResultsConcatenate(t *testing.T) {
	q3 := exportFixture(t)
	q4 := exportFixture(t)
	cest := time.FixedZone("CEST", 2*60*60)
	q4.ID, q4.TakenAt = "2026-12-18T100000Z", time.Date(2026, 12, 18, 12, 0, 0, 0, cest)
	table := append(csvRows(t, q3), csvRows(t, q4)[1:]...)
	if table[0][0] != "result_id" || table[0][1] != "taken_at" {
		t.Fatalf("header %v, want result_id and taken_at first", table[0])
	}
	for i, row := range table[1:] {
		want := []string{q3.ID, "2026-09-30T10:00:00Z"}
		if i >= len(q3.People) {
			want = []string{q4.ID, "2026-12-18T10:00:00Z"}
		}
		if row[0] != want[0] || row[1] != want[1] {
			t.Errorf("row %d (%s) is from %s taken %s, want %s taken %s", i+1, row[2], row[0], row[1], want[0], want[1])
		}
	}
}

// A spreadsheet runs a cell that starts with = + - @ as a formula, also
// after leading spaces, tabs or line breaks; and a terminal that shows
// the file obeys escape sequences. Every cell is guarded, whichever field
// a hand-edited result filled.
func TestCSVGuardsEveryCell(t *testing.T) {
	for in, want := range map[string]string{
		"Dana Reyes":        "Dana Reyes",
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"+1 555":            "'+1 555",
		"-2+3":              "'-2+3",
		"@SUM(A1)":          "'@SUM(A1)",
		" =1+1":             "' =1+1",
		"\t=1+1":            "' =1+1",
		"\r=1+1":            "' =1+1",
		"\n@x":              "' @x",
		"Ana\x1b[31m Ruiz":  "Ana[31m Ruiz",
		"Bo\u202eb":         "Bob",
		"caf\xe9":           "caf",
		"O'Neil = friend":   "O'Neil = friend",
		"":                  "",
	} {
		if got := csvSafe(in); got != want {
			t.Errorf("csvSafe(%q) = %q, want %q", in, got, want)
		}
	}

	r := exportFixture(t)
	r.People[0].Name = " =cmd|' /C calc'!A0"
	r.People[0].Functions = []string{"=1+1", "strategic_advice"}
	r.People[0].System = "@evil"
	rows := csvRows(t, r)
	for i, cell := range rows[1] {
		if t2 := strings.TrimLeft(cell, " \t\r\n"); t2 != "" && strings.ContainsRune("=+-@", rune(t2[0])) {
			t.Errorf("column %s starts a formula: %q", csvColumns[i], cell)
		}
	}
}

// tiesFixture is the example circle with who knows whom: Dana (the
// manager) knows both direct reports, who know each other, and Jo (the
// mentor) knows Dana; a warning is about that last tie, as the rule about
// confidants who know someone with power over the leader would give it.
func tiesFixture(t *testing.T) *assess.Result {
	t.Helper()
	q, a, err := assess.ReadAnswersFile("../examples/answers.yaml", "")
	if err != nil {
		t.Fatal(err)
	}
	knows := map[string][]string{
		"Dana Reyes": {"Sam Ortiz", "Priya Nair"},
		"Sam Ortiz":  {"Priya Nair"},
		"Jo Mensah":  {"Dana Reyes"},
	}
	for i := range a.People {
		a.People[i].Knows = knows[a.People[i].Name]
	}
	a.TiesAsked = true
	r := assess.NewResult(q, a, time.Date(2026, 9, 30, 10, 0, 0, 0, time.UTC))
	r.Findings = append(r.Findings, assess.Finding{ID: "confidant-knows-power", Kind: assess.KindForbid, Severity: assess.SeverityWarning,
		Title: "Your confidant knows someone with power over you", People: []string{"Jo Mensah"},
		Pairs: []assess.Pair{{Name: "Jo Mensah", Knows: "Dana Reyes"}}})
	return r
}

// The ties, in circle order, as the exports must carry them.
var wantTies = [][2]string{{"Dana Reyes", "Sam Ortiz"}, {"Dana Reyes", "Priya Nair"}, {"Dana Reyes", "Jo Mensah"}, {"Sam Ortiz", "Priya Nair"}}

// parsedGraphML is the GraphML as a network tool reads it.
type parsedGraphML struct {
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
	} `xml:"key"`
	Graph struct {
		Data []struct {
			Key   string `xml:"key,attr"`
			Value string `xml:",chardata"`
		} `xml:"data"`
		Nodes []struct {
			ID   string `xml:"id,attr"`
			Data []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string `xml:"id,attr"`
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
			Data   []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

// graphMLTies parses GraphML and returns its graph attributes and edges by
// the attribute names the keys declare: each edge as its two ends' names
// and its attributes.
func graphMLTies(t *testing.T, b []byte) (graph map[string]string, edges []map[string]string) {
	t.Helper()
	var g parsedGraphML
	if err := xml.Unmarshal(b, &g); err != nil {
		t.Fatalf("the GraphML is not XML: %v", err)
	}
	names := map[string]string{} // key id → attribute name
	for _, k := range g.Keys {
		names[k.ID] = k.Name
	}
	node := map[string]string{} // node id → name
	for _, n := range g.Graph.Nodes {
		for _, d := range n.Data {
			if names[d.Key] == "name" {
				node[n.ID] = d.Value
			}
		}
	}
	graph = map[string]string{}
	for _, d := range g.Graph.Data {
		graph[names[d.Key]] = d.Value
	}
	for _, e := range g.Graph.Edges {
		m := map[string]string{"source": node[e.Source], "target": node[e.Target]}
		for _, d := range e.Data {
			m[names[d.Key]] = d.Value
		}
		edges = append(edges, m)
	}
	return graph, edges
}

// A network tool reads the ties among the people from the GraphML: an
// edge between each two who know each other, told apart from the ego's
// edges by its kind, and the finding about a tie on that edge.
func TestGraphMLCarriesTheTies(t *testing.T) {
	r := tiesFixture(t)
	var buf bytes.Buffer
	if err := writeGraphML(&buf, r); err != nil {
		t.Fatal(err)
	}
	graph, edges := graphMLTies(t, buf.Bytes())
	if graph["ties_asked"] != "true" {
		t.Errorf("ties_asked is %q, want true", graph["ties_asked"])
	}
	var ego int
	var ties [][2]string
	for _, e := range edges {
		switch e["kind"] {
		case "ego-alter":
			ego++
			if e["source"] != "ego" {
				t.Errorf("an ego-alter edge from %q", e["source"])
			}
		case "alter-alter":
			ties = append(ties, [2]string{e["source"], e["target"]})
			want := ""
			if e["source"] == "Dana Reyes" && e["target"] == "Jo Mensah" {
				want = "confidant-knows-power"
			}
			if e["findings"] != want {
				t.Errorf("the tie %s – %s has findings %q, want %q", e["source"], e["target"], e["findings"], want)
			}
		default:
			t.Errorf("an edge of kind %q: %v", e["kind"], e)
		}
	}
	if ego != len(r.People) || !slices.Equal(ties, wantTies) {
		t.Errorf("%d ego edges and the ties %v, want %d and %v", ego, ties, len(r.People), wantTies)
	}

	// A result that never asked says so, and has no ties.
	q := exportFixture(t)
	buf.Reset()
	if err := writeGraphML(&buf, q); err != nil {
		t.Fatal(err)
	}
	graph, edges = graphMLTies(t, buf.Bytes())
	for _, e := range edges {
		if e["kind"] != "ego-alter" {
			t.Errorf("a result without ties has the edge %v", e)
		}
	}
	if graph["ties_asked"] != "false" {
		t.Errorf("ties_asked is %q for a result that never asked, want false", graph["ties_asked"])
	}
}

// The edge list reads back as a table a researcher can join to the
// people's: a header, then a row per tie, with the result's id and date
// and the two people as the people's CSV names them.
func TestTiesCSVReadsBack(t *testing.T) {
	r := tiesFixture(t)
	var buf bytes.Buffer
	if err := writeTiesCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], []string{"result_id", "taken_at", "a", "b", "findings"}) {
		t.Fatalf("header %v", rows[0])
	}
	people := map[string]bool{}
	for _, row := range csvRows(t, r)[1:] {
		people[row[2]] = true
	}
	var got [][2]string
	for _, row := range rows[1:] {
		if row[0] != r.ID || row[1] != "2026-09-30T10:00:00Z" {
			t.Errorf("the tie %v is not marked with the result and its date", row)
		}
		if !people[row[2]] || !people[row[3]] {
			t.Errorf("the tie %v names someone the people's CSV does not", row)
		}
		if want := map[bool]string{true: "confidant-knows-power"}[row[3] == "Jo Mensah"]; row[4] != want {
			t.Errorf("the tie %v has findings %q, want %q", row, row[4], want)
		}
		got = append(got, [2]string{row[2], row[3]})
	}
	if !slices.Equal(got, wantTies) {
		t.Errorf("ties %v, want %v", got, wantTies)
	}
}

// --redact covers the pairs: every tie, in both exports, names the people
// by the initials the people's rows and nodes have, and no full name is
// left.
func TestExportRedactsTies(t *testing.T) {
	r := assess.Redact(tiesFixture(t))
	var g, c bytes.Buffer
	if err := writeGraphML(&g, r); err != nil {
		t.Fatal(err)
	}
	if err := writeTiesCSV(&c, r); err != nil {
		t.Fatal(err)
	}
	_, edges := graphMLTies(t, g.Bytes())
	var ties [][2]string
	for _, e := range edges {
		if e["kind"] == "alter-alter" {
			ties = append(ties, [2]string{e["source"], e["target"]})
		}
	}
	want := [][2]string{{"DR", "SO"}, {"DR", "PN"}, {"DR", "JM"}, {"SO", "PN"}}
	if !slices.Equal(ties, want) {
		t.Errorf("redacted GraphML ties %v, want %v", ties, want)
	}
	rows, err := csv.NewReader(&c).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows[1:] {
		if [2]string{row[2], row[3]} != want[i] {
			t.Errorf("redacted CSV tie %v, want %v", row[2:4], want[i])
		}
	}
	for _, name := range []string{"Dana", "Reyes", "Sam", "Ortiz", "Priya", "Nair", "Mensah"} {
		if strings.Contains(g.String(), name) || strings.Contains(c.String(), name) {
			t.Errorf("%q is in a redacted export", name)
		}
	}
}

// The edge list goes beside a file: FILE.csv gives FILE.ties.csv; there is
// no such place for standard output or a pipe.
func TestTiesFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"":                          "",
		"-":                         "",
		"circle.csv":                "circle.ties.csv",
		"out/Q4.CSV":                "out/Q4.ties.csv",
		"my-circle":                 "my-circle.ties.csv",
		"circle.txt":                "circle.txt.ties.csv",
		"a.ties.csv":                "a.ties.ties.csv",
		fifo:                        "",
		filepath.Join(dir, "x.csv"): filepath.Join(dir, "x.ties.csv"),
	} {
		if got := tiesFile(in); got != want {
			t.Errorf("tiesFile(%q) = %q, want %q", in, got, want)
		}
	}
}
