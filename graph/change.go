package graph

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/view"
	"github.com/circle-cli/circle/graph/raster"
)

// The change map: the rings map of the later result, with what happened
// since the earlier one drawn on it. A leader should see at a glance who is
// new, who is gone, who moved where, and which gaps opened. Closed gaps are
// not there any more, as on the later map itself; the header names them.

// The change marks. Gained people get a green that is yellower than
// Okabe and Ito's bluish green, which already means "outside"; since green
// alone would still be a weak cue for someone who cannot tell it apart, a
// gained box also has a thick border and the word "new". Ghosts are grey,
// the colour of the frame, so they recede behind the people who are there.
const (
	gainedLine = "#3a9a2a"
	gainedText = "#2a6e1e"
	ghostFill  = "#f3f4f5"
	ghostLine  = "#8c97a1"
	ghostText  = "#7b8590"
	arrowColor = "#6f7a85"
)

// The words of the change marks, one place for the map and the legend.
const (
	noteGained = "new"
	noteLost   = "no longer named"
	// lossNoLonger starts the line of the functions someone no longer
	// serves.
	lossNoLonger = "no longer: "
	newPrefix    = "New: "
	// changeTitle heads a change map; Options.Title replaces it.
	changeTitle = "What changed"
)

// maxMoveGhosts is the most moves drawn with a ghost at the old place.
// Beyond it the arrows tangle and the ghosts make the map much larger, so
// that every name gets smaller; the note on each moved person still says
// where they were.
const maxMoveGhosts = 8

// changeKind is what happened to one box on the change map.
type changeKind int

const (
	unchanged  changeKind = iota
	gained                // named now, not then
	moved                 // named both times, on another ring or side now
	altered               // named both times, where they were, giving less now
	lostGhost             // named then, not now: drawn where they were
	movedGhost            // where a moved person was; see arrowed
)

// changeModel is the model of the later result with ghosts added as
// people: layoutRings then finds room for them on their old side and ring
// like for anyone else, so nothing overlaps.
type changeModel struct {
	m      *model
	kinds  []changeKind // per m.people
	ids    []string     // node id per m.people
	target []int        // per m.people: for a moved ghost, the person it moved to; else -1
	opened []bool       // per m.gaps

	gained, lost, moved         int
	losing                      int // people who give less: see lossLines
	tiesGained, tiesLost        int
	gapsClosed, warningsClosed  int
	gapsOpened, warningsOpened  int
	power, people, gaps, warned bool // marks the legend must explain
}

func newChangeModel(c *assess.Comparison) *changeModel {
	cm := &changeModel{m: newModel(c.To)}
	m := cm.m
	gainedKeys := map[string]bool{}
	for _, p := range c.Gained {
		gainedKeys[assess.NameKey(p.Name)] = true
	}
	moves := map[string]int{}
	for i, mv := range c.Moved {
		moves[assess.NameKey(mv.Name)] = i
	}
	changes := map[string]assess.PersonChange{}
	for _, pc := range c.Changed {
		changes[assess.NameKey(pc.Name)] = pc
	}
	index := map[string]int{} // name key → first index in To.People
	for i, p := range c.To.People {
		key := assess.NameKey(p.Name)
		if _, ok := index[key]; !ok {
			index[key] = i
		}
		kind := unchanged
		if gainedKeys[key] {
			kind = gained
			m.people[i].note = noteGained
			cm.gained++
		} else if k, ok := moves[key]; ok && drawnMove(c.Moved[k]) {
			kind = moved
			m.people[i].note = movedNote(c.Moved[k])
			cm.moved++
		}
		if pc, ok := changes[key]; ok && kind != gained {
			if lines := lossLines(pc); len(lines) > 0 {
				m.people[i].losses = lines
				cm.losing++
				if kind == unchanged {
					kind = altered
				}
			}
		}
		cm.kinds = append(cm.kinds, kind)
		cm.ids = append(cm.ids, fmt.Sprintf("p%d", i))
		cm.target = append(cm.target, -1)
	}
	// Ghosts have no power relation to show: the double border is for
	// someone who is there.
	for i, p := range c.Lost {
		cm.addGhost(lostGhost, fmt.Sprintf("lost%d", i), -1, p, p.Side, p.Ring, noteLost)
		cm.lost++
	}
	if cm.moved <= maxMoveGhosts {
		for i, mv := range c.Moved {
			to, ok := index[assess.NameKey(mv.Name)]
			if !ok || !drawnMove(mv) {
				continue
			}
			cm.addGhost(movedGhost, fmt.Sprintf("was%d", i), to, mv.From, mv.FromSide, mv.FromRing, movedGhostNote(mv))
		}
	}

	opened := map[string]bool{}
	for _, g := range c.GapsOpened {
		opened[g.ID] = true
		if g.Severity == assess.SeverityWarning {
			cm.warningsOpened++
		} else {
			cm.gapsOpened++
		}
	}
	for i, node := range m.gaps {
		g := c.To.Findings[node.finding]
		isNew := opened[g.ID]
		cm.opened = append(cm.opened, isNew)
		if isNew {
			m.gaps[i].lines = openedGapLines(g)
		}
	}
	for i, t := range m.watch {
		for _, g := range c.GapsOpened {
			if cleanText(g.Title) == t {
				m.watch[i] = newPrefix + t
			}
		}
	}
	for _, g := range c.GapsClosed {
		if g.Severity == assess.SeverityWarning {
			cm.warningsClosed++
		} else {
			cm.gapsClosed++
		}
	}
	cm.markTies(c, index)
	cm.power = m.power
	cm.people = len(c.To.People) > 0
	cm.gaps = m.has(assess.SeverityGap)
	cm.warned = m.has(assess.SeverityWarning)
	return cm
}

// markTies marks the ties of the later circle that are new since the
// earlier one, and adds, dashed, the ties the earlier circle had between
// two people still in it. Ties to someone no longer named go with them:
// their ghost says so.
func (cm *changeModel) markTies(c *assess.Comparison, index map[string]int) {
	key := func(a, b string) [2]string {
		x, y := assess.NameKey(a), assess.NameKey(b)
		if x > y {
			x, y = y, x
		}
		return [2]string{x, y}
	}
	gained := map[[2]string]bool{}
	for _, t := range c.TiesGained {
		gained[key(t.A, t.B)] = true
	}
	m := cm.m
	for i, t := range m.ties {
		if gained[key(m.people[t.a].name, m.people[t.b].name)] {
			m.ties[i].change = tieGained
			cm.tiesGained++
		}
	}
	for _, t := range c.TiesLost {
		a, okA := index[assess.NameKey(t.A)]
		b, okB := index[assess.NameKey(t.B)]
		if !okA || !okB || a == b {
			continue
		}
		if a > b {
			a, b = b, a
		}
		m.ties = append(m.ties, tie{a: a, b: b, change: tieLost})
		cm.tiesLost++
	}
}

func (cm *changeModel) addGhost(kind changeKind, id string, target int, p assess.ResultPerson, side assess.Side, ring assess.Ring, note string) {
	cm.m.people = append(cm.m.people, person{
		name:     DisplayName(p.Name),
		relation: relationLine(p),
		side:     normSide(side),
		ring:     normRing(ring),
		strength: p.Strength,
		note:     note,
	})
	cm.kinds = append(cm.kinds, kind)
	cm.ids = append(cm.ids, id)
	cm.target = append(cm.target, target)
}

func (cm *changeModel) has(kind changeKind) bool {
	for _, k := range cm.kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// arrowed reports whether people[i] is the old place of someone who moved
// on the same side, which gets an arrow to their new place. Someone who
// crossed to the other half gets none: the arrow would have to cross the
// whole map, past the leader and under the people between, and the notes
// on both boxes already say where they went.
func (cm *changeModel) arrowed(i int) bool {
	return cm.kinds[i] == movedGhost && cm.m.people[i].side == cm.m.people[cm.target[i]].side
}

func (cm *changeModel) anyArrowed() bool {
	for i := range cm.kinds {
		if cm.arrowed(i) {
			return true
		}
	}
	return false
}

func (cm *changeModel) anyOpened() bool {
	return cm.gapsOpened+cm.warningsOpened > 0
}

// drawnMove reports whether a move shows on the map: a hand-edited result
// can move someone from an unknown ring to the outer one, which the map
// draws in the same place.
func drawnMove(mv assess.Move) bool {
	return normRing(mv.FromRing) != normRing(mv.ToRing) || normSide(mv.FromSide) != normSide(mv.ToSide)
}

// sideWord is a side as a note says it.
func sideWord(s assess.Side) string {
	if normSide(s) == assess.External {
		return "outside"
	}
	return "inside"
}

// movedNote goes under a moved person's relationship: where they were.
func movedNote(mv assess.Move) string {
	ring := string(normRing(mv.FromRing))
	switch {
	case normSide(mv.FromSide) == normSide(mv.ToSide):
		return "was " + ring
	case normRing(mv.FromRing) == normRing(mv.ToRing):
		return "was " + sideWord(mv.FromSide)
	}
	return "was " + sideWord(mv.FromSide) + ", " + ring
}

// movedGhostNote goes on the ghost at a moved person's old place: where
// they went.
func movedGhostNote(mv assess.Move) string {
	ring := string(normRing(mv.ToRing))
	switch {
	case normSide(mv.FromSide) == normSide(mv.ToSide):
		return "moved to " + ring
	case normRing(mv.FromRing) == normRing(mv.ToRing):
		return "moved " + sideWord(mv.ToSide)
	}
	return "moved " + sideWord(mv.ToSide) + ", " + ring
}

// maxLossWidth is the widest line of what someone gives less of, in
// points: about the width of a box with a long name.
const maxLossWidth = 120

// lossLines are the lines on a person's box that say what they give less
// of since the earlier result: a drop in candour ("candour 4→2") and the
// functions they no longer serve ("no longer: thinking partner,
// sounding board", wrapped). More candour and new functions are good news
// the summary tells; the map marks what the leader may have lost.
func lossLines(pc assess.PersonChange) []string {
	var lines []string
	for _, ch := range pc.Changes {
		switch ch.Field {
		case assess.ChangeCandour:
			from, _ := ch.From.(int)
			to, _ := ch.To.(int)
			if to < from {
				lines = append(lines, fmt.Sprintf("candour %d→%d", from, to))
			}
		case assess.ChangeFunctions:
			if len(ch.Removed) == 0 {
				continue
			}
			words := make([]string, len(ch.Removed))
			for i, f := range ch.Removed {
				words[i] = strings.ReplaceAll(f, "_", " ")
			}
			lines = append(lines, wrap(lossNoLonger+strings.Join(words, ", "), relationSize, maxLossWidth, 3)...)
		}
	}
	return lines
}

// openedGapLines is a new gap's label: its title, as gapLines has it,
// after "New: ".
func openedGapLines(g assess.Finding) []string {
	text := cleanText(g.Title)
	if text == "" {
		text = cleanText(g.ID)
	}
	if text == "" {
		text = "?"
	}
	return wrap(newPrefix+text, gapSize, maxGapWidth, 3)
}

// ChangeDOT builds the change map of a comparison as Graphviz DOT: the
// rings map of c.To, with the same geometry, legend and label escaping as
// DOT, and on it what changed since c.From. People named for the first
// time have a thick green border and the note "new"; people no longer
// named are grey dashed ghosts on the side and ring where they were;
// people who moved stand at their new place with a note of the old one
// ("was inner"), and a grey dotted ghost stands at the old place, with an
// arrow to the new one when they stayed on the same side (with more than
// maxMoveGhosts moves, the notes alone). Gaps that closed are not drawn,
// only named in the header; gaps that opened have a bold border and a
// title starting "New:". The title says "What changed" with both dates
// (Options.Title replaces the words), the next line the balance then and
// now, and a third line counts the changes. The legend explains every
// mark the map uses, and only those.
//
// The change map only has the rings layout; Options.Layout must be empty
// or Rings. The DOT names its layout engine, as DOT's does.
func ChangeDOT(c *assess.Comparison, opt Options) ([]byte, error) {
	if c == nil || c.From == nil || c.To == nil {
		return nil, errors.New("no comparison to draw")
	}
	layout, err := ParseLayout(string(opt.Layout))
	if err != nil {
		return nil, err
	}
	if layout != Rings {
		return nil, fmt.Errorf("a change map is drawn in the rings layout only, not %s", layout)
	}
	cm := newChangeModel(c)
	l := layoutRings(cm.m)
	w := &dotWriter{}
	writeRingsFrame(w, cm.m, l, changeHeader(c, opt, cm))
	for _, s := range l.slots {
		switch {
		case s.person >= 0 && cm.kinds[s.person] == unchanged:
			writePerson(w, cm.m.people[s.person], s)
		case s.person >= 0:
			writeChangedPerson(w, cm, s)
		case s.gap >= 0 && cm.opened[s.gap]:
			writeOpenedGap(w, cm.m.gaps[s.gap], s)
		case s.gap >= 0:
			writeGap(w, cm.m.gaps[s.gap], s)
		}
	}
	at := make([]*slot, len(cm.m.people))
	for _, s := range l.slots {
		if s.person >= 0 {
			at[s.person] = s
		}
	}
	for i := range cm.kinds {
		if cm.arrowed(i) {
			writeMoveArrow(w, l, at[i], at[cm.target[i]], cm.ids[i], cm.ids[cm.target[i]])
		}
	}
	w.line(0, "}")
	return w.b.Bytes(), nil
}

// ChangeMap builds the change map of a comparison and renders it in one
// step, as Map does for one result.
func (r *Renderer) ChangeMap(ctx context.Context, c *assess.Comparison, f Format, opt Options, scale float64) ([]byte, error) {
	if _, err := ParseFormat(string(f)); err != nil {
		return nil, err
	}
	dot, err := ChangeDOT(c, opt)
	if err != nil {
		return nil, err
	}
	return r.Render(ctx, dot, f, scale)
}

// writeMoveArrow draws the arrow from where a moved person was to where
// they are, on the same half. A straight arrow between two rings often
// runs close past the leader, where it reads as one more line from them;
// so the arrow is a gentle curve, bowed away from the leader and passing
// it at a distance. The curve (a quadratic Bézier) is a polyline through
// invisible points, each piece unclipped where it meets a point so that the
// pieces join; points inside either box are left out, so the last piece
// starts outside the new box and its arrowhead lands on the border. Edges
// are drawn first (outputorder), so an arrow runs under any box in its way
// rather than over a name.
func writeMoveArrow(w *dotWriter, l *ringsLayout, from, to *slot, fromID, toID string) {
	x0, y0, x1, y1 := from.x, from.y, to.x, to.y
	dx, dy := x1-x0, y1-y0
	length := math.Hypot(dx, dy)
	if length == 0 {
		return
	}
	mx, my := (x0+x1)/2, (y0+y1)/2
	// The normal of the chord that points away from the leader. Both ends
	// are on one half, clear of the divider, so the chord never runs
	// through the leader and the side is never in doubt.
	nx, ny := -dy/length, dx/length
	if nx*mx+ny*my < 0 {
		nx, ny = -nx, -ny
	}
	// The curve's middle is half way from the chord to the control point:
	// bow it a fifth of the chord, and more where that would still pass
	// close to the leader.
	clearance := 0.6 * l.radius[0]
	bow := math.Max(0.2*length, 2*(clearance-(nx*mx+ny*my)))
	cx, cy := mx+bow*nx, my+bow*ny
	const pieces = 24
	ids := []string{fromID}
	for k := 1; k < pieces; k++ {
		t := float64(k) / pieces
		x := (1-t)*(1-t)*x0 + 2*(1-t)*t*cx + t*t*x1
		y := (1-t)*(1-t)*y0 + 2*(1-t)*t*cy + t*t*y1
		if inside(from, x, y) || inside(to, x, y) {
			continue
		}
		id := fmt.Sprintf("%s_via%d", fromID, k)
		w.stmt(1, id, kv("shape", "point"), kv("width", "0.01"), kv("style", "invis"), kv("pos", pos(x, y)))
		ids = append(ids, id)
	}
	ids = append(ids, toID)
	for i := 0; i+1 < len(ids); i++ {
		attrs := []string{kv("color", quote(arrowColor)), kv("penwidth", "1.3")}
		if i > 0 {
			attrs = append(attrs, kv("tailclip", "false"))
		}
		if i+2 < len(ids) {
			attrs = append(attrs, kv("headclip", "false"))
		} else {
			attrs = append(attrs, kv("dir", "forward"), kv("arrowhead", "normal"), kv("arrowsize", "0.8"))
		}
		w.stmt(1, ids[i]+" -- "+ids[i+1], attrs...)
	}
}

// inside reports whether (x, y) is in s's box or within 3 points of it.
func inside(s *slot, x, y float64) bool {
	return math.Abs(x-s.x) < s.w/2+3 && math.Abs(y-s.y) < s.h/2+3
}

// writeChangedPerson draws a gained or moved person, or a ghost: a box
// with three lines, the name, the relationship and the note that says
// what changed, like writePerson's two.
func writeChangedPerson(w *dotWriter, cm *changeModel, s *slot) {
	p := cm.m.people[s.person]
	kind := cm.kinds[s.person]
	id := cm.ids[s.person]
	c := sideColors(p.side)
	box := []string{kv("shape", "box"), kv("width", inches(s.w)), kv("height", inches(s.h)), kv("label", `" "`), kv("pos", pos(s.x, s.y))}
	nameColor, relColor, noteColor, noteFont := "black", mutedText, mutedText, fontBold
	switch kind {
	case gained:
		// Green and thick, over the side's own fill, so the side still
		// reads; with a power relation, still square and double.
		style := "rounded,filled"
		if p.power {
			style = "filled"
			box = append(box, kv("peripheries", "2"))
		}
		box = append(box, kv("style", quote(style)), kv("fillcolor", quote(c.fill)), kv("color", quote(gainedLine)), kv("penwidth", "2.6"))
		noteColor = gainedText
	case moved, altered:
		if p.power {
			box = append(box, kv("style", quote("filled")), kv("fillcolor", quote(c.fill)), kv("color", quote(powerLine)), kv("peripheries", "2"))
		} else {
			box = append(box, kv("style", quote("rounded,filled")), kv("fillcolor", quote(c.fill)), kv("color", quote(c.line)))
		}
	case lostGhost:
		box = append(box, kv("style", quote("rounded,dashed,filled")), kv("fillcolor", quote(ghostFill)), kv("color", quote(ghostLine)), kv("penwidth", "1.4"))
		nameColor, relColor, noteColor, noteFont = ghostText, ghostText, ghostText, fontRegular
	case movedGhost:
		// White, so the dotted outline is all there is: a place, not a
		// person.
		box = append(box, kv("style", quote("rounded,dotted,filled")), kv("fillcolor", quote("white")), kv("color", quote(ghostLine)), kv("penwidth", "1.8"))
		nameColor, relColor, noteColor, noteFont = ghostText, ghostText, ghostText, fontRegular
	}
	w.stmt(1, id, box...)
	// Three lines, 13 and 12 points apart, centred in the box.
	top := s.y + s.h/2
	text := func(suffix, font string, size float64, color, label string, y float64) {
		w.stmt(1, id+suffix, kv("shape", "plaintext"), kv("fixedsize", "false"), kv("width", "0"), kv("height", "0"),
			kv("fontname", quote(font)), kv("fontsize", num(size)), kv("fontcolor", quote(color)), kv("label", quote(label)), kv("pos", pos(s.x, y)))
	}
	text("_name", fontBold, nameSize, nameColor, p.name, top-10)
	text("_rel", fontRegular, relationSize, relColor, p.relation, top-23)
	y := top - 35
	if p.note != "" {
		text("_note", noteFont, relationSize, noteColor, p.note, y)
		y -= noteH
	}
	for i, l := range p.losses {
		text(fmt.Sprintf("_loss%d", i), fontRegular, relationSize, gapColors.text, l, y)
		y -= noteH
	}
	switch kind {
	case gained, moved, altered:
		w.stmt(1, "you -- "+id, kv("color", quote(c.edge)), kv("penwidth", num(penWidth(p.strength))))
		writeAlmostTag(w, p, id, s)
	case lostGhost:
		// The tie that was: thin and dotted, so it reads as gone.
		w.stmt(1, "you -- "+id, kv("style", "dotted"), kv("color", quote(ghostLine)), kv("penwidth", "1.2"))
	}
}

// writeOpenedGap draws a gap or warning that opened since the earlier
// result: the placeholder writeGap draws, with a bold border and a bolder
// line, and its title after "New:".
func writeOpenedGap(w *dotWriter, g gapNode, s *slot) { drawGap(w, g, s, true) }

// changeHeader is the change map's title, its balance and summary lines
// and its legend, as one HTML-like table, like header's.
func changeHeader(c *assess.Comparison, opt Options, cm *changeModel) string {
	dates := " · " + changeDate(c.From.TakenAt, opt.Location) + " → " + changeDate(c.To.TakenAt, opt.Location)
	title := cleanText(opt.Title)
	if title == "" {
		title = changeTitle
	}
	// Cut the words, never the dates.
	title = fit(title, fontBold, 18, math.Max(120, 560-raster.MeasureText(dates, fontRegular, true, 18))) + dates
	var b strings.Builder
	b.WriteString(`<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">`)
	fmt.Fprintf(&b, `<TR><TD><FONT POINT-SIZE="18" COLOR="%s"><B>%s</B></FONT></TD></TR>`, titleText, htmlText(title))
	fmt.Fprintf(&b, `<TR><TD><FONT POINT-SIZE="12" COLOR="%s">%s</FONT></TD></TR>`, mutedText, htmlText(balanceChange(c.From, c.To)))
	fmt.Fprintf(&b, `<TR><TD><FONT POINT-SIZE="12" COLOR="%s">%s</FONT></TD></TR>`, titleText, htmlText(changeSummary(cm)))
	// Closed gaps and cleared warnings are not drawn, being closed; name
	// them here, apart, or the best news of the quarter would be only a
	// number.
	var gapsClosed, warningsCleared []assess.Finding
	for _, g := range c.GapsClosed {
		if g.Severity == assess.SeverityWarning {
			warningsCleared = append(warningsCleared, g)
		} else {
			gapsClosed = append(gapsClosed, g)
		}
	}
	for _, line := range append(closedLines("Closed:", gapsClosed), closedLines("Cleared:", warningsCleared)...) {
		fmt.Fprintf(&b, `<TR><TD><FONT POINT-SIZE="10.5" COLOR="%s">%s</FONT></TD></TR>`, gainedText, htmlText(line))
	}
	b.WriteString(watchRows(cm.m.watch))
	b.WriteString(`<TR><TD HEIGHT="6"></TD></TR><TR><TD>`)
	b.WriteString(changeLegend(cm))
	b.WriteString(`</TD></TR></TABLE>>`)
	return b.String()
}

func changeDate(t time.Time, loc *time.Location) string {
	if loc != nil {
		t = t.In(loc)
	}
	return t.Format("2 Jan 2006")
}

// balanceChange is the second title line: the share of support from
// outside at a professional distance and the outside confidants then and
// now; the balance, when either result was saved before those existed.
func balanceChange(from, to *assess.Result) string {
	if from.Score(assess.ScoreProfessionalCoverage) != nil && to.Score(assess.ScoreProfessionalCoverage) != nil {
		share := func(r *assess.Result) string {
			v := view.New(r)
			for _, src := range v.Sources {
				if src.Name == assess.ScoreSourcesProfessional && len(r.People) > 0 {
					return fmt.Sprintf("%d%%", src.Pct)
				}
			}
			return "–"
		}
		conf := func(r *assess.Result) string {
			return view.Lookup(assess.ScoreOutsideConfidants, nil).Value(r.Score(assess.ScoreOutsideConfidants))
		}
		return fmt.Sprintf("outside, professional: %s → %s · outside confidants: %s → %s", share(from), share(to), conf(from), conf(to))
	}
	words := func(r *assess.Result) string {
		b := r.Score(assess.ScoreBalance)
		if b == nil || math.IsNaN(*b) {
			return assess.BalanceWords(nil)
		}
		return assess.BalanceWords(b) + " (" + view.Signed(*b, 2) + ")"
	}
	return "balance: " + words(from) + " → " + words(to)
}

// changeSummary is the third title line: the changes the map shows,
// counted, so that none of them can be overlooked.
func changeSummary(cm *changeModel) string {
	var parts []string
	count := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, "1 "+one)
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	count(cm.gained, "new", "new")
	count(cm.lost, "no longer named", "no longer named")
	count(cm.moved, "moved", "moved")
	count(cm.losing, "with less candour or support", "with less candour or support")
	count(cm.tiesGained, "new tie", "new ties")
	count(cm.tiesLost, "tie gone", "ties gone")
	count(cm.gapsClosed, "gap closed", "gaps closed")
	count(cm.warningsClosed, "warning cleared", "warnings cleared")
	count(cm.gapsOpened, "gap opened", "gaps opened")
	count(cm.warningsOpened, "new warning", "new warnings")
	if len(parts) == 0 {
		return "No one new, gone or moved, and no gap opened or closed"
	}
	return strings.Join(parts, " · ")
}

// closedLines lists the titles of findings that closed, after head
// ("Closed:" for gaps, "Cleared:" for warnings), a few to a line, so that
// a title is never broken in two.
func closedLines(head string, gaps []assess.Finding) []string {
	const width, size = 560, 10.5
	var lines []string
	cur := head
	for _, g := range gaps {
		t := cleanText(g.Title)
		if t == "" {
			t = cleanText(g.ID)
		}
		if t == "" {
			continue
		}
		t = fit(t, fontRegular, size, width)
		sep := " · "
		if cur == head {
			sep = " "
		}
		if raster.MeasureText(cur+sep+t, fontRegular, false, size) <= width || cur == head {
			cur += sep + t
			continue
		}
		lines = append(lines, cur)
		cur = t
	}
	if cur == head {
		return nil
	}
	return append(lines, cur)
}

// changeLegend explains every mark the change map uses, and only those:
// the marks of the rings map, then the marks of change.
func changeLegend(cm *changeModel) string {
	box := func(fill, line, attrs string) string {
		return fmt.Sprintf(`<TD WIDTH="22" HEIGHT="13" FIXEDSIZE="TRUE" BORDER="1" BGCOLOR="%s" COLOR="%s"%s></TD>`, fill, line, attrs)
	}
	entries := []legendEntry{
		{box(insideColors.fill, insideColors.line, ""), "Inside the organization"},
		{box(outsideColors.fill, outsideColors.line, ""), "Outside the organization"},
	}
	if cm.power {
		entries = append(entries, legendEntry{
			fmt.Sprintf(`<TD><TABLE BORDER="1" CELLBORDER="1" CELLSPACING="1" CELLPADDING="0" COLOR="%s"><TR><TD WIDTH="16" HEIGHT="7" FIXEDSIZE="TRUE"></TD></TR></TABLE></TD>`, powerLine),
			"Double border: a formal power relation",
		})
	}
	if cm.people {
		entries = append(entries, legendEntry{
			fmt.Sprintf(`<TD><TABLE BORDER="0" CELLSPACING="3" CELLPADDING="0"><TR><TD WIDTH="8" HEIGHT="1" FIXEDSIZE="TRUE" BGCOLOR="%s"></TD><TD WIDTH="8" HEIGHT="4" FIXEDSIZE="TRUE" BGCOLOR="%s"></TD></TR></TABLE></TD>`, mutedText, mutedText),
			"Thicker line: a stronger tie",
		})
	}
	entries = append(entries, tieLegendEntries(cm.m)...)
	if cm.gaps {
		entries = append(entries, legendEntry{box(gapColors.fill, gapColors.line, ` STYLE="dashed"`), "Dashed red: a gap, support that is missing"})
	}
	if cm.warned {
		entries = append(entries, legendEntry{box(warningColors.fill, warningColors.line, ` STYLE="dashed"`), warningLegend})
	}
	if cm.m.almost {
		entries = append(entries, almostLegend())
	}
	if cm.has(gained) {
		entries = append(entries, legendEntry{
			strings.Replace(box("white", gainedLine, ""), `BORDER="1"`, `BORDER="2"`, 1),
			"Green border, “new”: named for the first time",
		})
	}
	switch {
	case cm.anyArrowed():
		entries = append(entries, legendEntry{
			fmt.Sprintf(`<TD><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD WIDTH="14" HEIGHT="13" FIXEDSIZE="TRUE" BORDER="2" STYLE="dotted" COLOR="%s"></TD><TD><FONT POINT-SIZE="11" COLOR="%s">→</FONT></TD></TR></TABLE></TD>`, ghostLine, arrowColor),
			"Dotted grey: where they were; the arrow shows the move",
		})
	case cm.has(movedGhost):
		entries = append(entries, legendEntry{strings.Replace(box("white", ghostLine, ` STYLE="dotted"`), `BORDER="1"`, `BORDER="2"`, 1), "Dotted grey: where they were"})
	case cm.moved > 0:
		entries = append(entries, legendEntry{
			fmt.Sprintf(`<TD><FONT POINT-SIZE="9" COLOR="%s"><B>was …</B></FONT></TD>`, mutedText),
			"Moved: the note says from where",
		})
	}
	if cm.has(lostGhost) {
		entries = append(entries, legendEntry{box(ghostFill, ghostLine, ` STYLE="dashed"`), "Dashed grey: no longer named"})
	}
	if cm.losing > 0 {
		entries = append(entries, legendEntry{
			fmt.Sprintf(`<TD><FONT POINT-SIZE="9" COLOR="%s">candour 4→2</FONT></TD>`, gapColors.text),
			"Less candour, or support they no longer give",
		})
	}
	if cm.anyOpened() {
		p := gapColors
		if cm.gapsOpened == 0 {
			p = warningColors
		}
		entries = append(entries, legendEntry{
			strings.Replace(box(p.fill, p.line, ` STYLE="dashed"`), `BORDER="1"`, `BORDER="2"`, 1),
			"Bold, “New:”: opened since then",
		})
	}
	return legendTable(entries)
}
