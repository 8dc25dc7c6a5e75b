package cmd

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/plaintext"
	"github.com/circle-cli/circle/assess/view"
)

type exportOptions struct {
	f      *Factory
	Ref    string
	Format string
	File   string
	Redact bool
}

var exportFormats = []string{"graphml", "csv", "json"}

func newExportCmd(f *Factory, runF func(*exportOptions) error) *cobra.Command {
	opts := &exportOptions{f: f}
	c := &cobra.Command{
		Use:   "export [RESULT]",
		Short: "Export a circle for a coach or a researcher: GraphML, CSV or JSON",
		Long: `Export one result (default: latest) as:

  graphml  the leader as the "ego" node and each person as a node with their
           attributes, the scores as graph attributes, an edge from the ego
           to each person (kind "ego-alter") and one between each two
           people who know each other (kind "alter-alter"): the shape that
           network tools such as Network Canvas and the R package egor read
  csv      one row per person, with a header; every row starts with the
           result's id and taken_at, so that the rows of several exports
           can be put together in one table. With -o FILE.csv, the ties
           among the people go beside it in FILE.ties.csv: one row per pair
           who know each other (result_id, taken_at, a, b, findings), a and
           b as the name column of FILE.csv spells them; the file has only
           its header when nobody knows anybody, or when who-knows-whom was
           never asked (the message says which). On standard output only
           the people are printed, and a note on standard error says the
           ties were left out: name a file with -o to get both.
  json     the result as 'circle assess --output json' prints it

The format comes from --format, or from the extension of -o FILE. With
--redact every name becomes initials and the reflection is left out; the
ties name the people in the same initials.

In R, for example:

  alters <- read.csv("circle.csv"); ties <- read.csv("circle.ties.csv")
  egor::egor(alters, aaties = ties, ID.vars = list(ego = "result_id",
    alter = "name", source = "a", target = "b"))` + notEncrypted,
		Example: `  circle export --format csv
  circle export -o circle.csv          # and circle.ties.csv beside it
  circle export latest -o circle.graphml --redact`,
		Args: resultArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Ref = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return runExport(opts)
		},
	}
	c.Flags().StringVar(&opts.Format, "format", "", "graphml, csv or json (default: from -o's extension, else json)")
	c.Flags().StringVarP(&opts.File, "out", "o", "", "write to `FILE` instead of standard output")
	c.Flags().BoolVar(&opts.Redact, "redact", false, "replace names by initials and leave out the reflection")
	c.ValidArgsFunction = completeResults(f, 1)
	_ = c.RegisterFlagCompletionFunc("format", completeWords(exportFormats...))
	return c
}

func runExport(opts *exportOptions) error {
	format := strings.ToLower(opts.Format)
	if format == "" && opts.File != "" && opts.File != "-" {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(opts.File)), ".")
		if format == "" || !slices.Contains(exportFormats, format) {
			return usageErrorf("cannot tell the format from %q; give --format %s", opts.File, strings.Join(exportFormats, "|"))
		}
	}
	if format == "" {
		format = "json"
	}
	if !slices.Contains(exportFormats, format) {
		return usageErrorf("--format %q is not an export format; use %s", opts.Format, strings.Join(exportFormats, ", "))
	}
	rs, err := resolveResults(opts.f, opts.Ref)
	if err != nil {
		return err
	}
	r := rs[0]
	if opts.Redact {
		r = assess.Redact(r)
	}
	var buf, ties bytes.Buffer
	switch format {
	case "graphml":
		err = writeGraphML(&buf, r)
	case "csv":
		if err = writeCSV(&buf, r); err == nil {
			err = writeTiesCSV(&ties, r)
		}
	default:
		err = writeData(&buf, outputJSON, view.New(r).Data())
	}
	if err != nil {
		return err
	}
	n := len(assess.Ties(r.People))
	tiesPath := ""
	if format == "csv" {
		tiesPath = tiesFile(opts.File)
		if tiesPath == "" && n > 0 {
			fmt.Fprintf(opts.f.IO.ErrOut, "note: %s left out: the ties go in a file beside the people's; name one with -o FILE.csv to get FILE.ties.csv too\n",
				view.Plural(n, "tie among the people is", "ties among the people are"))
		}
	}
	if opts.File == "" || opts.File == "-" {
		_, err = opts.f.IO.Out.Write(buf.Bytes())
		return err
	}
	if err := writeOut(opts.f, opts.File, buf.Bytes(), false); err != nil {
		return err
	}
	if tiesPath == "" {
		fmt.Fprintf(opts.f.IO.ErrOut, "Exported %s to %s\n", oneLine(r.ID), oneLine(opts.File))
		return nil
	}
	// The edge list goes through the same writer, by the same rules, once
	// the file the user named is written.
	if err := writeOut(opts.f, tiesPath, ties.Bytes(), false); err != nil {
		return fmt.Errorf("exported %s to %s, but not its ties: %w", oneLine(r.ID), oneLine(opts.File), err)
	}
	what := "its " + view.Plural(n, "tie among the people", "ties among the people")
	switch {
	case n == 0 && r.TiesAsked:
		what = "an empty list of ties (nobody in this circle knows anybody else in it)"
	case n == 0:
		what = "an empty list of ties (who knows whom was not asked in this result)"
	}
	fmt.Fprintf(opts.f.IO.ErrOut, "Exported %s to %s, and %s to %s\n", oneLine(r.ID), oneLine(opts.File), what, oneLine(tiesPath))
	return nil
}

// tiesFile is where a CSV export to path puts its edge list: beside it,
// with .csv replaced by .ties.csv (or .ties.csv added). There is no such
// place, and it is "", for standard output and for anything that is not a
// plain file: a terminal, a pipe, /dev/stdout.
func tiesFile(path string) string {
	if path == "" || path == "-" {
		return ""
	}
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return ""
	}
	base := path
	if strings.EqualFold(filepath.Ext(path), ".csv") {
		base = path[:len(path)-len(".csv")]
	}
	return base + ".ties.csv"
}

// tiesColumns are the edge list's header: the result, then the two people
// who know each other, by the name the people's CSV gives them, then the
// findings about the tie (ids, joined with ";").
var tiesColumns = []string{"result_id", "taken_at", "a", "b", "findings"}

// writeTiesCSV writes one row per tie among r's people, in circle order,
// each cell through csvSafe.
func writeTiesCSV(w io.Writer, r *assess.Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(tiesColumns); err != nil {
		return err
	}
	for _, t := range assess.Ties(r.People) {
		row := []string{r.ID, r.TakenAt.UTC().Format(time.RFC3339), t.A, t.B, strings.Join(tieFindings(r, t), ";")}
		for i := range row {
			row[i] = csvSafe(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// tieFindings are the ids of the findings about tie t (its pair, either
// way round), each once, in the result's order.
func tieFindings(r *assess.Result, t assess.Tie) []string {
	var ids []string
	a, b := assess.NameKey(t.A), assess.NameKey(t.B)
	for _, f := range r.Findings {
		for _, p := range f.Pairs {
			x, y := assess.NameKey(p.Name), assess.NameKey(p.Knows)
			if (x == a && y == b || x == b && y == a) && !slices.Contains(ids, f.ID) {
				ids = append(ids, f.ID)
			}
		}
	}
	return ids
}

// csvColumns are the CSV header: the result each row belongs to, then one
// column per person attribute. result_id and taken_at are on every row so
// that exports of several results concatenate into one table.
var csvColumns = []string{"result_id", "taken_at", "name", "relationship", "was_peer", "side", "power", "system", "ring", "frequency", "candour", "functions", "strength"}

// writeCSV writes one row per person; taken_at is RFC 3339 in UTC. Functions are joined with ";". Every
// cell passes csvSafe: names are typed by people, and a hand-edited result
// could put anything in any field.
func writeCSV(w io.Writer, r *assess.Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvColumns); err != nil {
		return err
	}
	for _, p := range r.People {
		row := []string{
			r.ID, r.TakenAt.UTC().Format(time.RFC3339), p.Name, p.Relationship, strconv.FormatBool(p.WasPeer), string(p.Side), string(p.Power), p.System, string(p.Ring),
			string(p.Frequency), strconv.Itoa(p.Candour), strings.Join(p.Functions, ";"), strconv.FormatFloat(p.Strength, 'f', -1, 64),
		}
		for i := range row {
			row[i] = csvSafe(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe makes a cell safe to open in a spreadsheet: control characters
// go (they would reach a terminal that cats the file), and a cell that a
// spreadsheet would run as a formula gets a leading apostrophe. Spreadsheets
// skip leading spaces, tabs and line breaks before they look, so the
// formula characters = + - @ count after any of those too.
func csvSafe(s string) string {
	s = plaintext.Strip(strings.NewReplacer("\t", " ", "\r", " ", "\n", " ").Replace(s))
	if t := strings.TrimLeft(s, " "); t != "" && strings.ContainsRune("=+-@", rune(t[0])) {
		return "'" + s
	}
	return s
}

// GraphML, as network tools read it: typed keys declared first, then the
// graph with its attributes, an ego node, a node per person, an edge from
// the ego to each, and an edge between each two people who know each
// other; an edge's kind says which of the two it is.
type graphML struct {
	XMLName xml.Name     `xml:"graphml"`
	XMLNS   string       `xml:"xmlns,attr"`
	Keys    []graphMLKey `xml:"key"`
	Graph   graphMLGraph `xml:"graph"`
}

type graphMLKey struct {
	ID   string `xml:"id,attr"`
	For  string `xml:"for,attr"`
	Name string `xml:"attr.name,attr"`
	Type string `xml:"attr.type,attr"`
}

type graphMLData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

type graphMLNode struct {
	ID   string        `xml:"id,attr"`
	Data []graphMLData `xml:"data"`
}

type graphMLEdge struct {
	ID     string        `xml:"id,attr"`
	Source string        `xml:"source,attr"`
	Target string        `xml:"target,attr"`
	Data   []graphMLData `xml:"data"`
}

type graphMLGraph struct {
	ID          string        `xml:"id,attr"`
	EdgeDefault string        `xml:"edgedefault,attr"`
	Data        []graphMLData `xml:"data"`
	Nodes       []graphMLNode `xml:"node"`
	Edges       []graphMLEdge `xml:"edge"`
}

// The kinds of edge in the GraphML, in the words of the field: the ego's
// tie to an alter, and a tie between two alters.
const (
	edgeEgoAlter   = "ego-alter"
	edgeAlterAlter = "alter-alter"
)

func writeGraphML(w io.Writer, r *assess.Result) error {
	g := graphML{XMLNS: "http://graphml.graphdrawing.org/xmlns"}
	key := func(id, for_, name, typ string) {
		g.Keys = append(g.Keys, graphMLKey{ID: id, For: for_, Name: name, Type: typ})
	}
	key("g_id", "graph", "result_id", "string")
	key("g_taken_at", "graph", "taken_at", "string")
	key("g_questionnaire", "graph", "questionnaire", "string")
	key("g_questionnaire_version", "graph", "questionnaire_version", "int")
	for _, s := range r.Scores {
		key("g_"+s.Name, "graph", s.Name, "double")
	}
	key("g_network_type", "graph", "network_type", "string")
	key("g_gaps", "graph", "gaps", "string")
	for _, c := range []struct{ name, typ string }{
		{"ego", "boolean"}, {"name", "string"}, {"relationship", "string"}, {"was_peer", "boolean"}, {"side", "string"}, {"power", "string"},
		{"system", "string"}, {"ring", "string"}, {"frequency", "string"}, {"candour", "int"}, {"functions", "string"}, {"strength", "double"},
	} {
		key("n_"+c.name, "node", c.name, c.typ)
	}
	key("g_ties_asked", "graph", "ties_asked", "boolean")
	key("e_kind", "edge", "kind", "string")
	key("e_strength", "edge", "strength", "double")
	key("e_findings", "edge", "findings", "string")

	gr := &g.Graph
	gr.ID, gr.EdgeDefault = "circle", "undirected"
	data := func(k, v string) graphMLData { return graphMLData{Key: k, Value: v} }
	gr.Data = append(gr.Data,
		data("g_id", r.ID), data("g_taken_at", r.TakenAt.Format("2006-01-02T15:04:05Z07:00")),
		data("g_questionnaire", r.Questionnaire.ID), data("g_questionnaire_version", strconv.Itoa(r.Questionnaire.Version)))
	for _, s := range r.Scores {
		if s.Value != nil { // a null score is an absent value in GraphML
			gr.Data = append(gr.Data, data("g_"+s.Name, strconv.FormatFloat(*s.Value, 'f', -1, 64)))
		}
	}
	if r.NetworkType != "" {
		gr.Data = append(gr.Data, data("g_network_type", r.NetworkType))
	}
	var gaps []string
	for _, gp := range r.Findings {
		gaps = append(gaps, gp.ID)
	}
	gr.Data = append(gr.Data, data("g_gaps", strings.Join(gaps, ";")))
	gr.Data = append(gr.Data, data("g_ties_asked", strconv.FormatBool(r.TiesAsked)))

	gr.Nodes = append(gr.Nodes, graphMLNode{ID: "ego", Data: []graphMLData{data("n_ego", "true"), data("n_name", "ego")}})
	for i, p := range r.People {
		id := fmt.Sprintf("p%d", i+1)
		gr.Nodes = append(gr.Nodes, graphMLNode{ID: id, Data: []graphMLData{
			data("n_ego", "false"), data("n_name", xmlSafe(p.Name)), data("n_relationship", p.Relationship),
			data("n_was_peer", strconv.FormatBool(p.WasPeer)),
			data("n_side", string(p.Side)), data("n_power", string(p.Power)), data("n_system", p.System),
			data("n_ring", string(p.Ring)), data("n_frequency", string(p.Frequency)), data("n_candour", strconv.Itoa(p.Candour)),
			data("n_functions", strings.Join(p.Functions, ";")), data("n_strength", strconv.FormatFloat(p.Strength, 'f', -1, 64)),
		}})
		gr.Edges = append(gr.Edges, graphMLEdge{ID: "e" + id[1:], Source: "ego", Target: id,
			Data: []graphMLData{data("e_kind", edgeEgoAlter), data("e_strength", strconv.FormatFloat(p.Strength, 'f', -1, 64))}})
	}
	// The ties among the people: an edge between each two who know each
	// other, by their node ids.
	node := map[string]string{}
	for i, p := range r.People {
		if _, dup := node[assess.NameKey(p.Name)]; !dup {
			node[assess.NameKey(p.Name)] = fmt.Sprintf("p%d", i+1)
		}
	}
	for i, t := range assess.Ties(r.People) {
		e := graphMLEdge{ID: fmt.Sprintf("t%d", i+1), Source: node[assess.NameKey(t.A)], Target: node[assess.NameKey(t.B)],
			Data: []graphMLData{data("e_kind", edgeAlterAlter)}}
		if ids := tieFindings(r, t); len(ids) > 0 {
			e.Data = append(e.Data, data("e_findings", strings.Join(ids, ";")))
		}
		gr.Edges = append(gr.Edges, e)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(g); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// xmlSafe drops the characters XML 1.0 cannot carry at all (most control
// characters); encoding/xml would otherwise replace them with U+FFFD.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0xFFFE && r != 0xFFFF {
			return r
		}
		return -1
	}, s)
}
