package cmd

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"strings"
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
	var g struct {
		Keys []struct {
			ID   string `xml:"id,attr"`
			Name string `xml:"attr.name,attr"`
		} `xml:"key"`
		Graph struct {
			Nodes []struct {
				ID   string `xml:"id,attr"`
				Data []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
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
