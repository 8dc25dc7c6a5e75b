package graph

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/graph/raster"
)

// The rings layout. Graphviz's twopi puts nodes on rings by graph distance,
// not on rings we choose, so every position is computed here and pinned
// (pos="x,y!" under the nop2 engine, which is neato -n2: it keeps the given
// positions, keeps an edge's given curve, and routes the other edges).
// Coordinates are points, y up, the leader at the origin.

// Geometry, in points and degrees.
const (
	leaderSize = 54.0 // diameter of the leader's circle
	// topGap keeps people this many degrees away from the vertical, where
	// the ring labels and the divider between the halves run.
	topGap = 14.0
	// prefStep is the angle between neighbours on a ring when there is
	// room; with more people they share the half evenly.
	prefStep = 34.0
	pad      = 7.0 // space kept clear around every box
	// maxRadius stops the search for room; beyond it boxes may touch.
	// Sixty people fit in less than 600 points, five hundred in about 4000.
	maxRadius = 5000.0
	personH   = 32.0 // height of a person's box: a name and a relationship
	noteH     = 12.0 // what a note line adds to a person's box
	boxPadX   = 10.0 // space left and right of the text in a box
	// crowded is the number of people and gaps beyond which the rings are
	// not grown just to keep lines off boxes.
	crowded = 30
)

var ringIndex = map[assess.Ring]int{assess.Inner: 0, assess.Middle: 1, assess.Outer: 2}

// sideIndex numbers the sides: 0 inside (the left half), 1 outside.
func sideIndex(s assess.Side) int {
	if s == assess.External {
		return 1
	}
	return 0
}

// slot is one box placed on a ring.
type slot struct {
	w, h   float64
	ring   int     // 0 inner .. 2 outer; -1 for fixed marks
	angle  float64 // degrees, counter-clockwise from the right
	x, y   float64
	person int // index in model.people, or -1
	gap    int // index in model.gaps, or -1
	// beside is a warning that sits beside the person before it: it has
	// no line from the leader, and is placed as close to them as room
	// allows, but never over the line from the leader to owner, that
	// person.
	beside bool
	owner  *slot
	// margin is drawn outside the box: a power relation's second border.
	margin float64
}

// crosses reports whether the segment from the origin to (x, y) runs
// through s's box, widened by pad (the slab method).
func (s *slot) crosses(x, y float64) bool {
	t0, t1 := 0.0, 1.0
	for _, ax := range [2][3]float64{{x, s.x, s.w}, {y, s.y, s.h}} {
		d, c, size := ax[0], ax[1], ax[2]
		lo, hi := c-size/2-pad, c+size/2+pad
		if d == 0 {
			if 0 < lo || 0 > hi {
				return false
			}
			continue
		}
		a, b := lo/d, hi/d
		if a > b {
			a, b = b, a
		}
		t0, t1 = math.Max(t0, a), math.Min(t1, b)
		if t0 > t1 {
			return false
		}
	}
	return true
}

func (s *slot) overlaps(o *slot) bool {
	m := pad + s.margin + o.margin
	return math.Abs(s.x-o.x) < (s.w+o.w)/2+m && math.Abs(s.y-o.y) < (s.h+o.h)/2+m
}

// powerMargin is how far the second border of a power relation's box
// reaches outside the box (Graphviz draws it 4 points out).
const powerMargin = 4.0

// ringsLayout is the computed picture.
type ringsLayout struct {
	radius  [3]float64
	slots   []*slot // people and gaps
	labels  [3]*slot
	leader  *slot
	divider *slot
	used    [2]bool    // whether anyone is inside (0) or outside (1)
	reach   [4]float64 // see extent
	samples []sample   // curveScore's buffer, kept between calls
}

func personSize(p person) (w, h float64) {
	nw := raster.MeasureText(p.name, fontRegular, true, nameSize)
	rw := raster.MeasureText(p.relation, fontRegular, false, relationSize)
	h = personH
	if p.note != "" {
		// Notes are set in bold, so measure them so.
		rw = math.Max(rw, raster.MeasureText(p.note, fontRegular, true, relationSize))
		h += noteH
	}
	for _, l := range p.losses {
		rw = math.Max(rw, raster.MeasureText(l, fontRegular, false, relationSize))
		h += noteH
	}
	return math.Max(math.Max(nw, rw)+2*boxPadX, 56), h
}

func gapSizeOf(g gapNode) (w, h float64) {
	for _, l := range g.lines {
		w = math.Max(w, raster.MeasureText(l, fontRegular, false, gapSize))
	}
	return w + 2*boxPadX, float64(len(g.lines))*gapSize*1.2 + 12
}

// layoutRings places everyone: people and open gaps, each on the half of
// their side and the ring they belong to, listed top to bottom in the
// order orderPeople gives (gaps after people). See setAngles for how a
// ring's angles are chosen and grow for how the rings make room.
func layoutRings(m *model) *ringsLayout {
	l := &ringsLayout{radius: [3]float64{105, 105 + 95, 105 + 190}}
	l.leader = &slot{w: leaderSize, h: leaderSize, ring: -1, person: -1, gap: -1}
	for i, name := range ringNames {
		w := raster.MeasureText(name, fontRegular, false, relationSize) + 6
		l.labels[i] = &slot{w: w, h: 12, ring: i, angle: 90, person: -1, gap: -1}
	}
	// The divider is a thin box along the vertical axis that nobody may
	// cross, so each person stays clearly on their side.
	l.divider = &slot{w: 2, h: 2 * maxRadius, ring: -1, person: -1, gap: -1}

	var groups [2][3][]*slot
	side := sideIndex
	for _, i := range orderPeople(m.people) {
		p := m.people[i]
		w, h := personSize(p)
		s := &slot{w: w, h: h, ring: ringIndex[p.ring], person: i, gap: -1}
		if p.power {
			s.margin = powerMargin
		}
		groups[side(p.side)][s.ring] = append(groups[side(p.side)][s.ring], s)
	}
	for i, g := range m.gaps {
		w, h := gapSizeOf(g)
		s := &slot{w: w, h: h, ring: ringIndex[g.ring], person: -1, gap: i, beside: len(g.beside) > 0}
		grp := &groups[side(g.side)][s.ring]
		if len(g.beside) == 0 {
			*grp = append(*grp, s)
			continue
		}
		// A warning that names people goes right after the first of them
		// (after any warning already there), so that it sits beside them.
		k := slices.IndexFunc(*grp, func(o *slot) bool { return o.person == g.beside[0] })
		s.owner = (*grp)[k]
		for k+1 < len(*grp) && (*grp)[k+1].gap >= 0 && len(m.gaps[(*grp)[k+1].gap].beside) > 0 && m.gaps[(*grp)[k+1].gap].beside[0] == g.beside[0] {
			k++
		}
		*grp = slices.Insert(*grp, k+1, s)
	}
	for sd := range groups {
		for _, g := range groups[sd] {
			l.slots = append(l.slots, g...)
			l.used[sd] = l.used[sd] || len(g) > 0
		}
	}
	// Angles depend on the radii and the radii on the angles, so settle
	// them in turns: place everyone where they fit at the current radii,
	// then grow the rings where boxes overlap. When a line could only be
	// drawn under a box on an inner ring, move all rings out a little,
	// which narrows the angles those boxes hide, and try again; after a
	// few turns a crossing line is accepted rather than a huge map.
	for turn := 0; turn < 10; turn++ {
		l.place() // the ring labels, at this turn's radii
		crossed := false
		for sd := range groups {
			for ring, g := range groups[sd] {
				if !l.setAngles(g, ring, sd == 1, groups[sd][:ring]) {
					crossed = true
				}
			}
		}
		l.place()
		if l.crowdedRing() >= 0 {
			l.grow()
			continue
		}
		// In a crowded circle some line crosses a box whatever the radii;
		// growing for it would only make the map bigger.
		if !crossed || turn >= 6 || len(l.slots) > crowded {
			break
		}
		d := l.radius[0] * 0.1
		for k := range l.radius {
			l.radius[k] += d
		}
	}
	return l
}

// grow widens rings until no two boxes overlap.
func (l *ringsLayout) grow() {
	for iter := 0; iter < 2000; iter++ {
		l.place()
		grow := l.crowdedRing()
		if grow < 0 || l.radius[2] > maxRadius {
			return
		}
		d := math.Max(4, l.radius[grow]*0.03)
		for k := grow; k < 3; k++ {
			l.radius[k] += d
		}
	}
}

// setAngles spreads one side's ring; slots are listed top to bottom. Angles
// are worked out on the left half, growing downwards from the top, and
// mirrored for the right half.
//
// Each slot starts from a preferred angle: with few people, prefStep apart
// around the horizontal (the middle ring half a step lower, so that the
// rings do not line up along the same rays); with many, spread evenly over
// the half. It then takes the nearest angle, at most 0.5° apart, where
// its box is clear of the boxes already placed (on the rings inside, and
// its neighbour above on this ring), of the leader, the divider and the
// ring labels, and where the line from the leader to it does not run under
// a box on an inner ring. When some slot finds no such angle, the lines
// may cross; when there is still none, the ring is spread evenly and the
// caller grows the rings. It reports whether every rule held.
func (l *ringsLayout) setAngles(g []*slot, ring int, right bool, inside [][]*slot) bool {
	n := len(g)
	if n == 0 {
		return true
	}
	lo, hi := 90+topGap, 270-topGap
	full := hi - lo
	step := math.Min(prefStep, full/float64(n))
	span := step * float64(n-1)
	start := 180 - span/2
	if step*float64(n) < full && ring == 1 {
		start += step / 2
	}
	start = math.Max(start, lo+step/2)
	start = math.Min(start, hi-step/2-span)
	var shadows [][2]float64
	var placed []*slot
	for _, rs := range inside {
		for _, o := range rs {
			shadows = append(shadows, l.shadow(o, right))
			placed = append(placed, o)
		}
	}
	r := l.radius[ring]
	// First with every rule; then letting lines cross inner boxes; then
	// evenly, leaving the overlaps to the caller.
	for _, strict := range []bool{true, false} {
		if l.tryAngles(g, start, step, lo, hi, r, right, placed, func(a float64) bool {
			if !strict {
				return true
			}
			for _, sh := range shadows {
				if a > sh[0] && a < sh[1] {
					return false
				}
			}
			return true
		}) {
			return strict
		}
	}
	for i, s := range g {
		s.angle = mirror(start+step*float64(i), right)
	}
	return false
}

// tryAngles places g's slots one by one, each at the angle nearest its
// preferred one where lineOK holds and its box is clear of the fixed marks
// and of everything placed; it reports false when some slot finds none.
func (l *ringsLayout) tryAngles(g []*slot, start, step, lo, hi, r float64, right bool, placed []*slot, lineOK func(float64) bool) bool {
	const res = 0.5
	placed = append([]*slot(nil), placed...)
	fixed := []*slot{l.leader, l.divider, l.labels[0], l.labels[1], l.labels[2]}
	clear := func(s *slot, a float64) bool {
		if !s.beside && !lineOK(a) {
			return false
		}
		t := mirror(a, right) * math.Pi / 180
		probe := *s
		probe.x, probe.y = r*math.Cos(t), r*math.Sin(t)
		if s.owner != nil && probe.crosses(s.owner.x, s.owner.y) {
			return false
		}
		for _, o := range fixed {
			if probe.overlaps(o) {
				return false
			}
		}
		for _, o := range placed {
			if probe.overlaps(o) {
				return false
			}
		}
		return true
	}
	prev := math.Inf(-1)
	for i, s := range g {
		want := math.Max(start+step*float64(i), prev+res)
		if s.beside {
			// Right after the person it is about.
			want = prev + res
		}
		a, ok := 0.0, false
		// Search outwards from the wanted angle, never above the
		// neighbour placed before.
		for d := 0.0; d <= hi-lo && !ok; d += res {
			for _, c := range []float64{want - d, want + d} {
				if c > prev && c >= lo && c <= hi && clear(s, c) {
					a, ok = c, true
					break
				}
			}
		}
		if !ok {
			return false
		}
		s.angle = mirror(a, right)
		s.x, s.y = r*math.Cos(s.angle*math.Pi/180), r*math.Sin(s.angle*math.Pi/180)
		placed = append(placed, s)
		prev = a
	}
	return true
}

// mirror turns a left-half angle into the actual one.
func mirror(a float64, right bool) float64 {
	if right {
		return 180 - a
	}
	return a
}

// shadow is the range of left-half angles that o's box covers, seen from
// the leader, widened by three degrees so that a line does not graze it.
func (l *ringsLayout) shadow(o *slot, right bool) [2]float64 {
	r := l.radius[o.ring]
	x, y := r*math.Cos(o.angle*math.Pi/180), r*math.Sin(o.angle*math.Pi/180)
	a, b := math.Inf(1), math.Inf(-1)
	for _, c := range [4][2]float64{{-1, -1}, {-1, 1}, {1, -1}, {1, 1}} {
		t := math.Atan2(y+c[1]*o.h/2, x+c[0]*o.w/2) * 180 / math.Pi
		if right {
			t = 180 - t
		}
		t = math.Mod(t+360, 360)
		a, b = math.Min(a, t), math.Max(b, t)
	}
	return [2]float64{a - 3, b + 3}
}

// place puts every slot on its ring.
func (l *ringsLayout) place() {
	for _, s := range l.slots {
		r := l.radius[s.ring]
		s.x = r * math.Cos(s.angle*math.Pi/180)
		s.y = r * math.Sin(s.angle*math.Pi/180)
	}
	for i, s := range l.labels {
		s.x, s.y = 0, l.radius[i]
	}
}

// crowdedRing returns the ring to grow to make room, or -1 when every box
// is clear of every other, of the leader, of the ring labels and of the
// divider.
func (l *ringsLayout) crowdedRing() int {
	grow := -1
	for i, s := range l.slots {
		if s.overlaps(l.leader) || s.overlaps(l.divider) {
			return s.ring
		}
		for _, lb := range l.labels {
			if s.overlaps(lb) {
				return max(s.ring, lb.ring)
			}
		}
		for _, o := range l.slots[i+1:] {
			if s.overlaps(o) {
				r := max(s.ring, o.ring)
				if grow < 0 || r < grow {
					grow = r
				}
			}
		}
	}
	return grow
}

// orderPeople lists people in the order they are set around a ring:
// grouped by relationship (in the order the relationships first appear),
// then as entered, so that the board sits together and so do the friends.
func orderPeople(people []person) []int {
	first := map[string]int{}
	for i, p := range people {
		if _, ok := first[p.relation]; !ok {
			first[p.relation] = i
		}
	}
	idx := make([]int, len(people))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return first[people[idx[a]].relation] < first[people[idx[b]].relation] })
	return idx
}

func pos(x, y float64) string { return fmt.Sprintf(`"%s,%s!"`, num(x), num(y)) }

// writeRings writes the rings layout.
func writeRings(w *dotWriter, m *model, header string) {
	l := layoutRings(m)
	writeRingsFrame(w, m, l, header)
	for _, s := range l.slots {
		switch {
		case s.person >= 0:
			writePerson(w, m.people[s.person], s)
		case s.gap >= 0:
			writeGap(w, m.gaps[s.gap], s)
		}
	}
	w.line(0, "}")
}

// writeRingsFrame opens the graph and writes what every rings map has
// around its people: the ring guides and their names, the divider, the
// side names, the ties among m's people and the leader. The caller writes
// the slots and closes the graph, so the change map can draw its people
// its own way.
//
// The engine is nop2 (neato -n2): it keeps every node where pos pins it,
// draws the edges without a pos as straight lines, and keeps the curve of
// an edge that has one (a tie).
func writeRingsFrame(w *dotWriter, m *model, l *ringsLayout, header string) {
	w.line(0, "graph circle {")
	w.stmt(1, "graph", kv("layout", "nop2"), kv("splines", "line"), kv("outputorder", "edgesfirst"),
		kv("bgcolor", quote("white")), kv("pad", "0.3"), kv("charset", quote("UTF-8")),
		kv("fontname", quote(fontRegular)), kv("labelloc", "t"), kv("label", header))
	// Every box has the size computed here. fixedsize=shape rather than
	// true: a Graphviz with other font metrics (someone's own dot) then
	// draws a label that is a little wider without warning about it.
	w.stmt(1, "node", kv("fontname", quote(fontRegular)), kv("fixedsize", "shape"), kv("margin", "0"))
	w.stmt(1, "edge", kv("color", quote(guideColor)))

	// Ring guides: plain circles behind everything. The label is a space
	// because go-graphviz gives an empty label the node's name.
	outer := l.radius[2]
	for i, name := range ringNames {
		d := inches(2 * l.radius[i])
		w.stmt(1, "ring_"+name, kv("shape", "circle"), kv("width", d), kv("height", d), kv("label", `" "`),
			kv("pos", pos(0, 0)), kv("color", quote(guideColor)), kv("penwidth", "1.2"))
	}
	// The divider between the halves, as a dotted line between two
	// invisible points.
	top, bottom := outer+18, -outer-18
	w.stmt(1, "divider_top", kv("shape", "point"), kv("width", "0.01"), kv("style", "invis"), kv("pos", pos(0, top)))
	w.stmt(1, "divider_bottom", kv("shape", "point"), kv("width", "0.01"), kv("style", "invis"), kv("pos", pos(0, bottom)))
	w.stmt(1, "divider_top -- divider_bottom", kv("style", "dotted"), kv("color", quote(dividerColor)), kv("penwidth", "1.4"))

	// Ring names on the divider, on a white ground that hides the lines
	// behind them.
	for i, s := range l.labels {
		name := ringNames[i]
		w.stmt(1, "ringlabel_"+name, kv("shape", "box"), kv("style", quote("filled")), kv("color", quote("white")),
			kv("fillcolor", quote("white")), kv("width", inches(s.w)), kv("height", inches(s.h)),
			kv("fontsize", num(relationSize)), kv("fontcolor", quote(mutedText)), kv("label", quote(name)), kv("pos", pos(s.x, s.y)))
	}

	// Side names above the circle, each over its own half.
	ytop := outer
	for _, s := range l.slots {
		ytop = math.Max(ytop, s.y+s.h/2)
	}
	for _, sd := range []assess.Side{assess.Internal, assess.External} {
		text := sideLabel(sd)
		tw := raster.MeasureText(text, fontRegular, true, 13)
		x := math.Max(outer*0.55, tw/2+20)
		id := "side_inside"
		if sd == assess.External {
			id = "side_outside"
		} else {
			x = -x
		}
		w.stmt(1, id, kv("shape", "plaintext"), kv("fixedsize", "false"), kv("width", "0"), kv("height", "0"),
			kv("fontname", quote(fontBold)), kv("fontsize", "13"), kv("fontcolor", quote(sideColors(sd).text)),
			kv("label", quote(text)), kv("pos", pos(x, ytop+34)))
	}

	// A side with nobody on it says so, between the inner and middle
	// rings, rather than look like a drawing error.
	for _, sd := range []assess.Side{assess.Internal, assess.External} {
		if l.used[sideIndex(sd)] {
			continue
		}
		x := (l.radius[0] + l.radius[1]) / 2
		id := "empty_outside"
		if sd == assess.Internal {
			x, id = -x, "empty_inside"
		}
		tw := raster.MeasureText(emptySide, fontRegular, false, 10)
		w.stmt(1, id, kv("shape", "box"), kv("style", quote("filled")), kv("color", quote("white")),
			kv("fillcolor", quote("white")), kv("width", inches(tw+8)), kv("height", inches(16)),
			kv("fontsize", "10"), kv("fontcolor", quote(mutedText)), kv("label", quote(emptySide)), kv("pos", pos(x, 0)))
	}

	writeRingTies(w, m, l)
	w.stmt(1, "you", kv("shape", "circle"), kv("width", inches(leaderSize)), kv("height", inches(leaderSize)),
		kv("style", quote("filled")), kv("fillcolor", quote(leaderFill)), kv("color", quote(leaderFill)),
		kv("fontname", quote(fontBold)), kv("fontsize", "13"), kv("fontcolor", quote("white")),
		kv("label", quote("You")), kv("pos", pos(0, 0)))
}

// ringNames are the rings as the guides are labelled, inner first.
var ringNames = [3]string{"inner", "middle", "outer"}

// writePerson draws a person as a box with their name in bold and their
// relationship below it, and the line from the leader. The two text lines
// are separate text-only nodes pinned inside the box: Graphviz places the
// lines of an HTML label from its own width guess, which is off for
// Chinese, Japanese and Korean, while a plain label is always centred.
func writePerson(w *dotWriter, p person, s *slot) {
	c := sideColors(p.side)
	id := fmt.Sprintf("p%d", s.person)
	// A formal power relation has square corners and a double border in a
	// dark line; everyone else has a rounded box in their side's colour.
	shape := []string{kv("style", quote("rounded,filled")), kv("color", quote(c.line))}
	if p.power {
		shape = []string{kv("style", quote("filled")), kv("color", quote(powerLine)), kv("peripheries", "2")}
	}
	w.stmt(1, id, append([]string{kv("shape", "box"), kv("width", inches(s.w)), kv("height", inches(s.h)),
		kv("fillcolor", quote(c.fill)), kv("label", `" "`), kv("pos", pos(s.x, s.y))}, shape...)...)
	// Text-only nodes take their label's size.
	w.stmt(1, id+"_name", kv("shape", "plaintext"), kv("fixedsize", "false"), kv("width", "0"), kv("height", "0"),
		kv("fontname", quote(fontBold)), kv("fontsize", num(nameSize)), kv("label", quote(p.name)), kv("pos", pos(s.x, s.y+5)))
	w.stmt(1, id+"_rel", kv("shape", "plaintext"), kv("fixedsize", "false"), kv("width", "0"), kv("height", "0"),
		kv("fontsize", num(relationSize)), kv("fontcolor", quote(mutedText)), kv("label", quote(p.relation)), kv("pos", pos(s.x, s.y-8)))
	w.stmt(1, "you -- "+id, kv("color", quote(c.edge)), kv("penwidth", num(penWidth(p.strength))))
	writeAlmostTag(w, p, id, s)
}

// almostTag is the word on the small tag of someone who almost counted.
const almostTag = "almost"

// writeAlmostTag puts a small tag on the top edge of the box of someone
// who almost counted for an open gap: the summary says what was missing.
func writeAlmostTag(w *dotWriter, p person, id string, s *slot) {
	if !p.almost {
		return
	}
	tw := raster.MeasureText(almostTag, fontRegular, false, tagSize) + 8
	w.stmt(1, id+"_almost", kv("shape", "box"), kv("style", quote("rounded,filled")), kv("width", inches(tw)), kv("height", inches(11)),
		kv("fillcolor", quote("white")), kv("color", quote(gapColors.line)), kv("penwidth", "1"),
		kv("fontsize", num(tagSize)), kv("fontcolor", quote(gapColors.text)), kv("label", quote(almostTag)),
		kv("pos", pos(s.x+s.w/2-tw/2-4, s.y+s.h/2)))
}

// tagSize is the size of the almost tag's word.
const tagSize = 7.5

// writeGap draws an open gap, a dashed placeholder where the missing
// person would sit, titled with what is missing; or a warning, beside the
// people it names.
func writeGap(w *dotWriter, g gapNode, s *slot) { drawGap(w, g, s, false) }

// drawGap draws a gap's placeholder and its dashed line from the leader;
// opened (on a change map) makes the border and the line bolder.
func drawGap(w *dotWriter, g gapNode, s *slot, opened bool) {
	c := gapPalette(g.severity)
	boxPen, edgeColor, edgePen := "1.4", c.edge, "1.2"
	if opened {
		boxPen, edgeColor, edgePen = "2.8", c.line, "1.8"
	}
	id := fmt.Sprintf("g%d", s.gap)
	w.stmt(1, id, kv("shape", "box"), kv("style", quote("rounded,dashed,filled")), kv("width", inches(s.w)), kv("height", inches(s.h)),
		kv("fillcolor", quote(c.fill)), kv("color", quote(c.line)), kv("penwidth", boxPen),
		kv("fontsize", num(gapSize)), kv("fontcolor", quote(c.text)), kv("label", quote(g.lines...)), kv("pos", pos(s.x, s.y)))
	if len(g.beside) == 0 {
		w.stmt(1, "you -- "+id, kv("style", "dashed"), kv("color", quote(edgeColor)), kv("penwidth", edgePen))
		return
	}
	// A warning about people: a dashed line to each of them, none to the
	// leader.
	for _, j := range g.beside {
		w.stmt(1, fmt.Sprintf("%s -- p%d", id, j), kv("style", "dashed"), kv("color", quote(edgeColor)), kv("penwidth", edgePen))
	}
}
