// Package strictyaml decodes the YAML files people write by hand
// (questionnaires, answers, saved results) so that every mistake is reported
// at once, each with its line and field, instead of the first one only.
//
// yaml.v3's own KnownFields mode stops short of that: its messages name Go
// types rather than fields, duplicate keys and wrong scalar types come one at
// a time, and yaml.Node.Decode cannot be strict at all. So Decode walks the
// parsed node tree against the Go type first, collecting every unknown key,
// duplicate key and wrongly typed value, and only then decodes.
package strictyaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/circle-cli/circle/assess/plaintext"
	"github.com/circle-cli/circle/assess/safefile"
)

// MaxFileSize bounds what is read at all: hand-written files are small, and
// a bound keeps a stray multi-megabyte file from being parsed slowly.
const MaxFileSize = 1 << 20

// maxNodes bounds the walk, so that aliases which fan out (a "YAML bomb")
// are refused quickly rather than expanded.
const maxNodes = 200_000

// Problem is one thing wrong with a file: where it is and what to do.
type Problem struct {
	Line  int    // 1-based; 0 when the problem is about the whole file
	Field string // a path such as people[2].ring; empty for the whole file
	Msg   string
}

// Format renders the problem as one line: file:line: field: message. A
// line break or other control character that came from the file (in a key,
// a value quoted back, a path) is shown escaped, so that one problem is
// always one line.
func (p Problem) Format(file string) string {
	var b strings.Builder
	b.WriteString(OneLine(file))
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(OneLine(p.Field))
		b.WriteString(": ")
	}
	b.WriteString(OneLine(p.Msg))
	return b.String()
}

// OneLine escapes control characters (\n, \t, ESC…) so that text from a
// file can be shown on one line and cannot steer a terminal.
func OneLine(s string) string {
	if strings.IndexFunc(s, plaintext.IsControl) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if plaintext.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// maxShown bounds the problems Error lists: after that many, more lines
// help nobody, and a runaway file would flood the terminal.
const maxShown = 50

// Error is every problem found in one file.
type Error struct {
	File     string
	Problems []Problem
}

func (e *Error) Error() string {
	n := min(len(e.Problems), maxShown)
	lines := make([]string, n, n+1)
	for i, p := range e.Problems[:n] {
		lines[i] = p.Format(e.File)
	}
	if more := len(e.Problems) - n; more > 0 {
		lines = append(lines, fmt.Sprintf("%s: and %d more problems; fix these first", OneLine(e.File), more))
	}
	return strings.Join(lines, "\n")
}

// Errorf returns an Error with one problem.
func Errorf(file string, line int, field, format string, args ...any) *Error {
	return &Error{File: file, Problems: []Problem{{Line: line, Field: field, Msg: fmt.Sprintf(format, args...)}}}
}

// Sort orders problems by line, keeping the order of problems on one line.
func Sort(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
}

// Strings is a list of words that may also be written as a single word:
// `ring: inner` and `ring: [inner, middle]` both decode.
type Strings []string

// UnmarshalYAML accepts a scalar or a sequence of scalars.
func (s *Strings) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*s = Strings{n.Value}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return err
	}
	*s = list
	return nil
}

// Words is a text, or a mapping of values to texts: `system: "…"` and
// `system: {personal: "…", other: "…"}` both decode. A single text is kept
// under the key "".
type Words map[string]string

// UnmarshalYAML accepts a scalar or a mapping of scalars.
func (w *Words) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*w = Words{"": n.Value}
		return nil
	}
	m := map[string]string{}
	if err := n.Decode(&m); err != nil {
		return err
	}
	*w = m
	return nil
}

var (
	wordsType   = reflect.TypeOf(Words(nil))
	stringsType = reflect.TypeOf(Strings(nil))
	timeType    = reflect.TypeOf(time.Time{})
	nodeType    = reflect.TypeOf(yaml.Node{})

	unmarshalerType = reflect.TypeOf((*yaml.Unmarshaler)(nil)).Elem()
	checkerType     = reflect.TypeOf((*Checker)(nil)).Elem()
)

// Checker is a type that decodes itself (a yaml.Unmarshaler) and can say
// beforehand what is wrong with a node, so that the walk reports it with
// its line and field, and everything else in the file still decodes.
type Checker interface {
	CheckYAML(n *yaml.Node) error
}

// Parse reads data into a node tree, reporting an empty file, a file over
// MaxFileSize and YAML syntax errors as problems.
func Parse(data []byte) (*yaml.Node, []Problem) {
	if len(data) > MaxFileSize {
		big := &safefile.TooLargeError{Size: int64(len(data)), Limit: MaxFileSize}
		return nil, []Problem{{Msg: big.Error() + ", so this is probably not the file you meant"}}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, []Problem{{Msg: "the file is empty"}}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, []Problem{{Msg: "the file is empty"}}
		}
		return nil, []Problem{syntaxProblem(err)}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 || doc.Content[0].Tag == "!!null" {
		return nil, []Problem{{Msg: "the file is empty"}}
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, []Problem{{Line: next.Line, Msg: "a second YAML document starts here (after ---); keep everything in one document"}}
	case !errors.Is(err, io.EOF):
		return nil, []Problem{syntaxProblem(err)}
	}
	if p := checkExpansion(doc.Content[0]); p != nil {
		return nil, []Problem{*p}
	}
	return doc.Content[0], nil
}

// MaxExpanded bounds the text a file stands for once every alias is
// written out. A node limit alone counts values, not their size: one long
// anchored string aliased from many places passes it and still takes
// minutes and gigabytes to read.
const MaxExpanded = 4 * MaxFileSize

// checkExpansion measures the document as if every alias were written
// out (each anchored value measured once, so this is quick however far it
// fans out), and refuses one that expands beyond MaxExpanded bytes or
// maxNodes values.
func checkExpansion(root *yaml.Node) *Problem {
	type size struct{ bytes, nodes int64 }
	memo := map[*yaml.Node]size{}
	const inProgress = -1
	var at *yaml.Node // where the text first grows past the limit
	var measure func(n *yaml.Node) size
	measure = func(n *yaml.Node) size {
		if s, ok := memo[n]; ok {
			if s.bytes == inProgress {
				return size{MaxExpanded + 1, 0} // a value that holds itself
			}
			return s
		}
		memo[n] = size{inProgress, 0}
		s := size{int64(len(n.Value)) + 1, 1}
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			s = measure(n.Alias)
		}
		for _, c := range n.Content {
			cs := measure(c)
			if at == nil && (s.bytes+cs.bytes > MaxExpanded || s.nodes+cs.nodes > maxNodes) {
				at = c
			}
			// Saturate: a bomb's true size overflows int64.
			s.bytes = min(s.bytes+cs.bytes, MaxExpanded+1)
			s.nodes = min(s.nodes+cs.nodes, maxNodes+1)
		}
		memo[n] = s
		return s
	}
	s := measure(root)
	line := 0
	if at != nil {
		line = at.Line
	}
	switch {
	case s.bytes > MaxExpanded:
		return &Problem{Line: line, Msg: fmt.Sprintf("with its aliases written out the file would be more than %s (the limit); write the repeated text out once, or use fewer aliases", safefile.Size(MaxExpanded))}
	case s.nodes > maxNodes:
		return &Problem{Line: line, Msg: fmt.Sprintf("the file has too many values or aliases to read (more than %d once aliases are written out)", maxNodes)}
	}
	return nil
}

// wholeRE matches a whole number too large for yaml.v3 to tag as !!int.
var wholeRE = regexp.MustCompile(`^[-+]?[0-9][0-9_]*$`)

var lineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

func syntaxProblem(err error) Problem {
	p := lineProblem(err.Error())
	p.Msg = "not valid YAML: " + p.Msg
	if strings.Contains(p.Msg, "cannot start any token") || strings.Contains(p.Msg, "found a tab") {
		p.Msg += " (is there a tab? YAML indents with spaces only)"
	}
	return p
}

// lineProblem turns yaml.v3's "line N: message" into a Problem.
func lineProblem(msg string) Problem {
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return Problem{Line: line, Msg: m[2]}
	}
	return Problem{Msg: strings.TrimPrefix(msg, "yaml: ")}
}

// Decode parses data and decodes it into v, a pointer to a struct,
// strictly. It returns the root node (for line look-ups during later
// validation) and every problem found. When the file parses but has
// problems, v is still filled as far as it could be, so that callers can go
// on to check its meaning and report everything at once (see Merge).
func Decode(data []byte, v any) (*yaml.Node, []Problem) {
	root, problems := Parse(data)
	if problems != nil {
		return nil, problems
	}
	return root, DecodeNode(root, v)
}

// DecodeNode decodes an already parsed node strictly into v; see Decode.
func DecodeNode(root *yaml.Node, v any) []Problem {
	w := walker{}
	w.check(root, reflect.TypeOf(v).Elem(), "")
	if w.visited > maxNodes {
		// Too big to decode safely; the walk said so.
		return w.problems
	}
	if len(w.problems) > 0 {
		// yaml.v3 gives up on the whole document at a duplicate key or a bad
		// time, so decode a copy without the values the walk objected to:
		// everything else then decodes, and can be checked for meaning.
		if clean := prune(root, w.bad); clean != nil {
			_ = clean.Decode(v)
		}
		Sort(w.problems)
		return w.problems
	}
	err := root.Decode(v)
	if err != nil {
		// The walk should have caught everything decode can object to; if it
		// did not, say what yaml.v3 said rather than lose it.
		var te *yaml.TypeError
		if errors.As(err, &te) {
			var ps []Problem
			for _, e := range te.Errors {
				ps = append(ps, lineProblem(e))
			}
			return ps
		}
		return []Problem{lineProblem(err.Error())}
	}
	return nil
}

// Merge adds to first the problems of later that are not about a field
// first already has a problem with (or a field inside or around it): a
// value of the wrong type is not then also reported as, say, out of range.
func Merge(first, later []Problem) []Problem {
	out := append([]Problem(nil), first...)
	// fields holds every field of first; around, each field of first and
	// every field that contains one (people[2].ring: people[2], people).
	fields, around := map[string]bool{}, map[string]bool{}
	for _, f := range first {
		if f.Field == "" {
			// The file as a whole is wrong (not a mapping, say): nothing
			// in it could be checked for meaning.
			Sort(out)
			return out
		}
		fields[f.Field] = true
		for _, p := range enclosing(f.Field) {
			around[p] = true
		}
	}
	for _, p := range later {
		dup := p.Field == "" && len(first) > 0 || around[p.Field]
		for _, outer := range enclosing(p.Field) {
			if dup {
				break
			}
			dup = fields[outer]
		}
		if !dup {
			out = append(out, p)
		}
	}
	Sort(out)
	return out
}

// enclosing returns a field and every field that contains it: for
// people[2].ring, that and people[2] and people.
func enclosing(field string) []string {
	out := []string{field}
	for i := len(field) - 1; i > 0; i-- {
		if field[i] == '.' || field[i] == '[' {
			out = append(out, field[:i])
		}
	}
	return out
}

type walker struct {
	problems []Problem
	visited  int
	// bad holds the nodes a problem was found at (for a mapping entry, its
	// key), to be left out when decoding what remains.
	bad map[*yaml.Node]bool
}

func (w *walker) add(n *yaml.Node, field, format string, args ...any) {
	w.problems = append(w.problems, Problem{Line: n.Line, Field: field, Msg: fmt.Sprintf(format, args...)})
	if w.bad == nil {
		w.bad = map[*yaml.Node]bool{}
	}
	w.bad[n] = true
}

// prune copies the tree without the nodes in bad: a bad mapping key drops
// its entry, a bad value drops its entry or list item. It returns nil when
// the root itself is bad.
func prune(n *yaml.Node, bad map[*yaml.Node]bool) *yaml.Node {
	if bad[n] {
		return nil
	}
	c := *n
	switch n.Kind {
	case yaml.MappingNode:
		c.Content = nil
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if bad[k] {
				continue
			}
			if pv := prune(v, bad); pv != nil {
				c.Content = append(c.Content, k, pv)
			}
		}
	case yaml.SequenceNode:
		c.Content = nil
		for _, item := range n.Content {
			if pi := prune(item, bad); pi != nil {
				c.Content = append(c.Content, pi)
			}
		}
	case yaml.AliasNode:
		if a := prune(n.Alias, bad); a != nil {
			c.Alias = a
		} else {
			return nil
		}
	}
	return &c
}

func (w *walker) check(n *yaml.Node, t reflect.Type, field string) {
	w.visited++
	if w.visited > maxNodes {
		if w.visited == maxNodes+1 {
			w.add(n, field, "the file has too many values or aliases to read (more than %d)", maxNodes)
		}
		return
	}
	if n.Kind == yaml.AliasNode {
		w.check(n.Alias, t, field)
		return
	}
	if t == nodeType {
		return
	}
	if t.Kind() == reflect.Pointer {
		if isNull(n) {
			return
		}
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(checkerType) {
		if err := reflect.New(t).Interface().(Checker).CheckYAML(n); err != nil {
			w.add(n, field, "%s", err.Error())
		}
		return
	}
	if t != stringsType && t != wordsType && reflect.PointerTo(t).Implements(unmarshalerType) {
		// The type checks itself when decoded (an optional one too).
		return
	}
	switch {
	case t == stringsType:
		if n.Kind == yaml.ScalarNode {
			return
		}
		w.check(n, reflect.TypeOf([]string(nil)), field)
		return
	case t == wordsType:
		if n.Kind == yaml.ScalarNode && !isNull(n) {
			return
		}
		if n.Kind != yaml.MappingNode {
			w.add(n, field, "want a text, or a mapping of answers to texts")
			return
		}
		w.check(n, reflect.TypeOf(map[string]string(nil)), field)
		return
	case t == timeType:
		if n.Kind != yaml.ScalarNode {
			w.add(n, field, "want a date and time such as 2026-09-30T10:00:00Z")
			return
		}
		if _, err := time.Parse(time.RFC3339, n.Value); err != nil {
			if _, err := time.Parse("2006-01-02", n.Value); err != nil {
				w.add(n, field, "%q is not a date and time; write it as 2026-09-30T10:00:00Z", clip(n.Value))
			}
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		w.checkStruct(n, t, field)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			if isNull(n) {
				return
			}
			w.add(n, field, "want a list (lines starting with \"- \")")
			return
		}
		for i, c := range n.Content {
			w.check(c, t.Elem(), fmt.Sprintf("%s[%d]", field, i))
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			if isNull(n) {
				return
			}
			w.add(n, field, "want a mapping of names to values")
			return
		}
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			sub := join(field, k.Value)
			if first, dup := seen[k.Value]; dup {
				w.add(k, sub, "given twice (first on line %d); keep one", first)
				continue
			}
			seen[k.Value] = k.Line
			w.check(val, t.Elem(), sub)
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			w.add(n, field, "want text, not a %s", kindWord(n))
		}
	case reflect.Int, reflect.Int64, reflect.Int32:
		if n.Kind == yaml.ScalarNode && n.Tag != "!!int" && wholeRE.MatchString(n.Value) {
			w.add(n, field, "%s is too large a number", clip(n.Value))
			return
		}
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			w.add(n, field, "want a whole number, not %s", describe(n))
			return
		}
		if _, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err != nil {
			w.add(n, field, "%s is too large a number", clip(n.Value))
		}
	case reflect.Float64:
		if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
			if _, err := strconv.ParseFloat(n.Value, 64); errors.Is(err, strconv.ErrRange) {
				w.add(n, field, "%s is too large a number", clip(n.Value))
				return
			}
		}
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
			w.add(n, field, "want a number, not %s", describe(n))
			return
		}
		var f float64
		if err := n.Decode(&f); err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			w.add(n, field, "%s is not a usable number; write it in digits, such as 40", clip(n.Value))
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			w.add(n, field, "want true or false, not %s", describe(n))
		}
	}
}

func (w *walker) checkStruct(n *yaml.Node, t reflect.Type, field string) {
	if n.Kind != yaml.MappingNode {
		if isNull(n) && field != "" {
			return
		}
		w.add(n, field, "want a mapping of fields (name: value), not %s", describe(n))
		return
	}
	fields := map[string]reflect.Type{}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fields[name] = f.Type
		names = append(names, name)
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		sub := join(field, k.Value)
		ft, ok := fields[k.Value]
		if !ok {
			w.add(k, sub, "unknown field; known fields here: %s", strings.Join(names, ", "))
			continue
		}
		if first, dup := seen[k.Value]; dup {
			w.add(k, sub, "given twice (first on line %d); keep one", first)
			continue
		}
		seen[k.Value] = k.Line
		w.check(val, ft, sub)
	}
}

func join(field, key string) string {
	key = clip(key)
	if field == "" {
		return key
	}
	return field + "." + key
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

func kindWord(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	}
	return "value"
}

func describe(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode {
		return "a " + kindWord(n)
	}
	if isNull(n) {
		return "an empty value"
	}
	return strconv.Quote(clip(n.Value))
}

// clip shortens user text quoted back in a message, so that a 5,000
// character value cannot flood the terminal.
func clip(s string) string {
	const max = 60
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max]) + "…"
}

// Clip is clip for other packages' messages.
func Clip(s string) string { return clip(s) }

// Line returns the line of the node found by following path (mapping keys
// as strings, sequence indices as ints) from root, or of the deepest node
// that exists along it; 0 when root is nil. For a key whose value is a
// mapping or a list, the key's line is given: that is where a reader looks.
func Line(root *yaml.Node, path ...any) int {
	n := root
	if n == nil {
		return 0
	}
	line := n.Line
	for _, step := range path {
		for n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		var next *yaml.Node
		nextLine := 0
		switch s := step.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == s {
						next = n.Content[i+1]
						nextLine = next.Line
						if next.Kind != yaml.ScalarNode {
							nextLine = n.Content[i].Line
						}
						break
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && s >= 0 && s < len(n.Content) {
				next = n.Content[s]
				nextLine = next.Line
			}
		}
		if next == nil {
			return line
		}
		n, line = next, nextLine
	}
	return line
}
