package graph

import (
	"bytes"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/circle-cli/circle/assess"
)

// Options shape a map.
type Options struct {
	// Layout is rings (the default when empty) or clusters.
	Layout Layout
	// Title replaces the map's first title line, which is otherwise the
	// questionnaire's title. The second line, with the date and the
	// balance, is always there.
	Title string
	// Location is the time zone the date in the title is shown in; nil
	// shows it as the result stores it (UTC). Pass time.Local for the
	// leader's own calendar day.
	Location *time.Location
}

// defaultTitle heads a map whose result carries no questionnaire title.
const defaultTitle = "Your support circle"

// DOT builds the support map of a saved result as Graphviz DOT. The DOT
// names the Graphviz layout engine it needs in its layout attribute, so
// Renderer.Render and a plain `dot -Tsvg` both draw it as intended.
//
// Every piece of text from the result (names, relationship ids, gap
// titles) is cleaned and escaped so that it can only ever be label text,
// and long names are shortened for display (see DisplayName). DOT never
// starts Graphviz.
func DOT(r *assess.Result, opt Options) ([]byte, error) {
	if r == nil {
		return nil, errors.New("no result to draw")
	}
	layout, err := ParseLayout(string(opt.Layout))
	if err != nil {
		return nil, err
	}
	m := newModel(r)
	w := &dotWriter{}
	switch layout {
	case Clusters:
		writeClusters(w, m, header(r, opt, m))
	default:
		writeRings(w, m, header(r, opt, m))
	}
	return w.b.Bytes(), nil
}

// dotWriter writes DOT statements. Attribute values are preformatted by
// the callers: quote() for text, num() for numbers, raw for HTML labels.
type dotWriter struct {
	b bytes.Buffer
}

func (w *dotWriter) line(indent int, s string) {
	w.b.WriteString(strings.Repeat("  ", indent))
	w.b.WriteString(s)
	w.b.WriteByte('\n')
}

// stmt writes `head [k=v, ...];`.
func (w *dotWriter) stmt(indent int, head string, attrs ...string) {
	var b strings.Builder
	b.WriteString(head)
	if len(attrs) > 0 {
		b.WriteString(" [")
		b.WriteString(strings.Join(attrs, ", "))
		b.WriteString("]")
	}
	b.WriteString(";")
	w.line(indent, b.String())
}

// kv formats one attribute; v must already be a valid DOT value.
func kv(k, v string) string { return k + "=" + v }

// num formats a number for DOT the same way on every machine.
func num(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		f = 0
	}
	s := strconv.FormatFloat(f, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// inches converts points to the inches Graphviz sizes nodes in, to a
// hundredth of a point.
func inches(pt float64) string {
	s := strconv.FormatFloat(pt/72, 'f', 4, 64)
	return strings.TrimRight(strings.TrimRight(s, "0"), ".")
}
