package graph

import (
	"fmt"
	"math"
	"strings"

	"github.com/circle-cli/circle/assess"
)

// Ties among people: who in the circle knows whom. The map draws each as a
// thin, light line between the two boxes, under the leader's own lines, so
// that the star (the leader and each person) still reads first and the ties
// are a texture behind it: a cluster of people who all know each other, a
// person who knows nobody else. A tie a finding is about (Finding.Pairs: a
// confidant who knows the leader's manager) is drawn in that finding's
// colour and a little heavier, so the eye finds it.

// tie is two people who know each other.
type tie struct {
	a, b int // indices in model.people, a before b in the circle
	// severity is that of the finding the tie is about, "" when none is:
	// a tie in a finding is drawn in the finding's colour.
	severity string
	// change, on a change map, is tieGained (not there in the earlier
	// result) or tieLost (there then, between two people still in the
	// circle, and not now); "" otherwise.
	change string
}

// How a tie changed between two results, on a change map.
const (
	tieGained = "gained"
	tieLost   = "lost"
)

// The look of a tie: a light purple (a tint of Okabe and Ito's reddish
// purple), a hue no other line on the map has, so that a tie never reads
// as part of a ring guide or as a line from the leader; thinner than all
// of them.
const (
	tieColor = "#b98fb0"
	tiePen   = 0.9
	// pairPen is a tie a finding is about: heavier than a plain tie,
	// still lighter than most lines from the leader.
	pairPen = 1.8
	// tieChangePen is a tie gained or lost, on a change map: as heavy as
	// a pair, so that a change among the people reads at a glance.
	tieChangePen = 1.6
)

// tieStyle is the colour and width of a tie.
func tieStyle(t tie) (color string, pen float64) {
	switch {
	case t.severity != "":
	case t.change == tieGained:
		return gainedLine, tieChangePen
	case t.change == tieLost:
		return ghostLine, tieChangePen
	}
	if t.severity == "" {
		return tieColor, tiePen
	}
	return gapPalette(t.severity).line, pairPen
}

// modelTies lists the ties among r's people once each, in circle order
// (assess.Ties), with the severity of the finding each is about. A pair a
// finding names is drawn even when the people's lists lack it (a
// hand-edited result); a name that is not in the circle is left out. A
// gap's colour wins over a warning's when findings of both name a pair.
func modelTies(r *assess.Result, index map[string]int) []tie {
	var out []tie
	at := map[[2]int]int{}
	add := func(x, y string) int {
		i, ok1 := index[assess.NameKey(x)]
		j, ok2 := index[assess.NameKey(y)]
		if !ok1 || !ok2 || i == j {
			return -1
		}
		if i > j {
			i, j = j, i
		}
		if k, ok := at[[2]int{i, j}]; ok {
			return k
		}
		at[[2]int{i, j}] = len(out)
		out = append(out, tie{a: i, b: j})
		return len(out) - 1
	}
	for _, t := range assess.Ties(r.People) {
		add(t.A, t.B)
	}
	for _, g := range r.Findings {
		for _, p := range g.Pairs {
			k := add(p.Name, p.Knows)
			if k < 0 || out[k].severity == assess.SeverityGap {
				continue
			}
			out[k].severity = assess.SeverityWarning
			if g.Severity != assess.SeverityWarning {
				out[k].severity = assess.SeverityGap
			}
		}
	}
	return out
}

// hasPairs reports whether a tie is drawn in the colour of a finding of
// the given severity.
func (m *model) hasPairs(severity string) bool {
	for _, t := range m.ties {
		if t.severity == severity {
			return true
		}
	}
	return false
}

// The words of the ties' legend entries.
const (
	tieLegend     = "Thin purple line: they know each other"
	pairLegend    = "Amber line: a tie worth watching"
	gapPairLegend = "Red line: a tie a gap is about"
)

// tieLegendEntries explain the ties the map draws, and only those.
func tieLegendEntries(m *model) []legendEntry {
	line := func(color string, height int) string {
		return fmt.Sprintf(`<TD><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD WIDTH="22" HEIGHT="%d" FIXEDSIZE="TRUE" BGCOLOR="%s"></TD></TR></TABLE></TD>`, height, color)
	}
	var out []legendEntry
	if len(m.ties) > 0 {
		out = append(out, legendEntry{line(tieColor, 1), tieLegend})
	}
	if m.hasPairs(assess.SeverityWarning) {
		out = append(out, legendEntry{line(warningColors.line, 2), pairLegend})
	}
	if m.hasPairs(assess.SeverityGap) {
		out = append(out, legendEntry{line(gapColors.line, 2), gapPairLegend})
	}
	if m.hasChange(tieGained) {
		out = append(out, legendEntry{line(gainedLine, 2), "Green line: they know each other now, not then"})
	}
	if m.hasChange(tieLost) {
		out = append(out, legendEntry{line(ghostLine, 2), "Dashed grey line: they knew each other then, not now"})
	}
	return out
}

// hasChange reports whether any tie of m changed this way and is drawn
// so: a tie a finding is about keeps the finding's colour.
func (m *model) hasChange(change string) bool {
	for _, t := range m.ties {
		if t.change == change && t.severity == "" {
			return true
		}
	}
	return false
}

// writeRingTies draws the ties of the rings layout. It is called before
// the leader's node is written, and that is what puts the ties under the
// leader's lines: under outputorder=edgesfirst Graphviz draws the edges
// of each node in the order the nodes were made, and a tie's statement
// makes its two people's nodes (their boxes are drawn later, with all
// nodes, on top of every line). People without a tie a finding is about
// are made first, so that the coloured ties are drawn over the grey ones.
//
// Each tie is a curve given to Graphviz as its pos (the nop2 engine keeps
// it as it is), chosen by tieCurve to run clear of other boxes.
func writeRingTies(w *dotWriter, m *model, l *ringsLayout) {
	if len(m.ties) == 0 {
		return
	}
	at := make([]*slot, len(m.people))
	for _, s := range l.slots {
		if s.person >= 0 {
			at[s.person] = s
		}
	}
	marked := make([]bool, len(m.people))
	for _, t := range m.ties {
		if t.severity != "" {
			marked[t.a], marked[t.b] = true, true
		}
	}
	var order []int
	seen := make([]bool, len(m.people))
	for _, pass := range []bool{false, true} {
		for _, t := range m.ties {
			for _, i := range []int{t.a, t.b} {
				if marked[i] == pass && !seen[i] {
					seen[i] = true
					order = append(order, i)
				}
			}
		}
	}
	for _, i := range order {
		w.stmt(1, fmt.Sprintf("p%d", i))
	}
	for _, pass := range []bool{false, true} {
		for _, t := range m.ties {
			if (t.severity != "") != pass {
				continue
			}
			a, b := t.a, t.b
			// The tail is the node made first, so that the edge is drawn in
			// its turn.
			if marked[a] && !marked[b] {
				a, b = b, a
			}
			if at[a] == nil || at[b] == nil {
				continue
			}
			c := l.tieCurve(at[a], at[b])
			color, pen := tieStyle(t)
			attrs := []string{kv("color", quote(color)), kv("penwidth", num(pen)), kv("pos", curvePos(c))}
			if t.change == tieLost {
				attrs = append(attrs, kv("style", "dashed"))
			}
			w.stmt(1, fmt.Sprintf("p%d -- p%d", a, b), attrs...)
		}
	}
}

// curve is a tie's path: one or more cubic Bézier pieces, each starting
// where the one before ends.
type curve [][4][2]float64

// curvePos writes a curve as an edge's pos: the first point, then three
// more for each piece.
func curvePos(c curve) string {
	var parts []string
	for i, piece := range c {
		for j, p := range piece {
			if i > 0 && j == 0 {
				continue
			}
			parts = append(parts, num(p[0])+","+num(p[1]))
		}
	}
	return `"` + strings.Join(parts, " ") + `"`
}

// tieCurve chooses the path a tie is drawn along, from box centre to box
// centre (the boxes hide the ends). It tries arches: a straight line, or
// an arch bowed towards or away from the leader by a share of its length
// (and, in a circle that is not crowded, leaning towards either end), and
// takes the one curveScore finds best; among equals the straightest, and
// away from the leader before towards. A tie between neighbours on a ring,
// whose straight line would hide under their boxes, becomes an arch out
// past the box ends. Where every arch runs under a box and the circle is
// not crowded, the tie is routed round the boxes instead (routed).
func (l *ringsLayout) tieCurve(a, b *slot) curve {
	x0, y0, x1, y1 := a.x, a.y, b.x, b.y
	dx, dy := x1-x0, y1-y0
	length := math.Hypot(dx, dy)
	if length == 0 {
		return curve{{{x0, y0}, {x0, y0}, {x1, y1}, {x1, y1}}}
	}
	mx, my := (x0+x1)/2, (y0+y1)/2
	// The unit normal of the chord, pointing away from the leader (any
	// way, for a chord through the leader).
	nx, ny := -dy/length, dx/length
	if nx*mx+ny*my < 0 {
		nx, ny = -nx, -ny
	}
	calm := len(l.slots) <= crowded
	// Far enough out to clear the ends of the two boxes.
	reach := math.Max(math.Max(a.w, a.h), math.Max(b.w, b.h))/2 + 16
	// Finer steps where there is time for them: a crowded circle has
	// many ties, and some run under a box whatever the curve.
	step := 0.2
	if calm {
		step = 0.1
	}
	bows := []float64{0}
	for f := step; f < 1.25; f += step {
		bows = append(bows, f*length, -f*length)
	}
	bows = append(bows, reach, -reach, 1.6*reach, -1.6*reach)
	leans := []float64{0}
	if calm {
		leans = append(leans, 0.4, -0.4)
	}

	var best curve
	bestScore := math.Inf(1)
	try := func(c curve, extra float64) {
		if score := l.curveScore(c, a, b, bestScore-extra) + extra; score < bestScore {
			best, bestScore = c, score
		}
	}
	for _, lean := range leans {
		for _, bow := range bows {
			if bow == 0 && lean != 0 {
				continue
			}
			// The control points a third of the way in from each end,
			// pushed out by bow, one more and one less when the arch
			// leans; the curve's middle is 3/4 of bow out.
			b1, b2 := bow*(1+lean), bow*(1-lean)
			extra := 8*math.Abs(bow)/length + 4*math.Abs(lean)
			if bow < 0 {
				extra += 3
			}
			try(curve{{
				{x0, y0},
				{x0 + dx/3 + b1*nx, y0 + dy/3 + b1*ny},
				{x0 + 2*dx/3 + b2*nx, y0 + 2*dy/3 + b2*ny},
				{x1, y1},
			}}, extra)
		}
	}
	// Every arch runs under a box: route round them (see routed), at a
	// cost that grows with the detour.
	if calm && bestScore >= 150 {
		if c, score := l.routed(a, b); score < bestScore {
			best = c
		}
	}
	return best
}

// curveSamples is how many pieces each cubic of a tie's path is checked
// in.
const curveSamples = 40

// sample is one point of a curve being checked.
type sample struct {
	x, y, r float64 // r: the distance from the leader
	own     bool    // under one of the two boxes the tie joins
}

// curveScore is how badly curve c reads as a tie between a and b: it
// counts, most heavily first, passing under the leader or close by (where
// it reads as a line from them), leaving the picture, running under
// someone's box or a gap's, showing too little between a's and b's boxes,
// leaving a box along the line from the leader, running alongside such a
// line or a ring guide, crossing a ring's name, and crossing lines from
// the leader. It stops counting once
// the score reaches bound, the best so far.
func (l *ringsLayout) curveScore(c curve, a, b *slot, bound float64) float64 {
	pts := l.samples[:0]
	defer func() { l.samples = pts[:0] }()
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	score, closest, visible := 0.0, math.Inf(1), 0.0
	out := false
	x0, y0, x1, y1 := l.extent()
	outside := func(x, y float64) bool { return x < x0 || x > x1 || y < y0 || y > y1 }
	for i, q := range c {
		// Graphviz sizes the picture to hold the control points too.
		for _, p := range q[1:3] {
			out = out || outside(p[0], p[1])
		}
		for k := 0; k <= curveSamples; k++ {
			if i > 0 && k == 0 {
				continue
			}
			t := float64(k) / curveSamples
			u := 1 - t
			x := u*u*u*q[0][0] + 3*u*u*t*q[1][0] + 3*u*t*t*q[2][0] + t*t*t*q[3][0]
			y := u*u*u*q[0][1] + 3*u*u*t*q[1][1] + 3*u*t*t*q[2][1] + t*t*t*q[3][1]
			p := sample{x: x, y: y, r: math.Sqrt(x*x + y*y), own: inside(a, x, y) || inside(b, x, y)}
			minX, minY, maxX, maxY = math.Min(minX, x), math.Min(minY, y), math.Max(maxX, x), math.Max(maxY, y)
			closest = math.Min(closest, p.r)
			if p.r < leaderSize/2+pad {
				score += 1000
			}
			out = out || outside(x, y)
			if n := len(pts); n > 0 && !p.own {
				visible += math.Sqrt((x-pts[n-1].x)*(x-pts[n-1].x) + (y-pts[n-1].y)*(y-pts[n-1].y))
			}
			pts = append(pts, p)
		}
	}
	// The closer to the leader, the more a tie reads as their line.
	if near := 0.55 * l.radius[0]; closest < near {
		score += 60 + 2*(near-closest)
	}
	// Leaving the picture makes it larger, and every name smaller: worse
	// than running under any number of boxes.
	if out {
		score += 5000
	}
	if visible < 24 {
		score += 150
	}
	// A tie that leaves a box along the line from the leader to it
	// starts as that line.
	last := c[len(c)-1]
	if leavesAlongSpoke(c[0][0], c[0][1]) || leavesAlongSpoke(last[3], last[2]) {
		score += 80
	}
	if score >= bound {
		return score
	}
	for _, s := range l.slots {
		if s == a || s == b || s.x+s.w/2 < minX || s.x-s.w/2 > maxX || s.y+s.h/2 < minY || s.y-s.h/2 > maxY {
			continue
		}
		for _, p := range pts {
			if inside(s, p.x, p.y) {
				// Under someone else's box, a tie looks like theirs;
				// under a gap's, it is only hidden for a moment.
				score += 30
				if s.person >= 0 {
					score += 120
				}
				break
			}
		}
		if score >= bound {
			return score
		}
	}
	for _, s := range l.labels {
		for _, p := range pts {
			if inside(s, p.x, p.y) {
				score += 10
				break
			}
		}
	}
	// Running alongside a line from the leader or a ring guide, a tie
	// reads as part of it. Crossing one touches a point or two; running
	// along it, several in a row.
	for _, s := range l.slots {
		if s.beside || math.Max(0, s.x)+4 < minX || math.Min(0, s.x)-4 > maxX || math.Max(0, s.y)+4 < minY || math.Min(0, s.y)-4 > maxY {
			continue
		}
		along, crossed := nearSpoke(pts, s.x, s.y)
		if along {
			score += 30
		}
		// Each crossing adds to the tangle round the leader.
		score += 6 * float64(crossed)
		if score >= bound {
			return score
		}
	}
	for _, r := range l.radius {
		if alongside(pts, func(p sample) bool { return math.Abs(p.r-r) < 4 }) {
			score += 30
		}
	}
	return score
}

// extent is the picture's bounding box, centred on the leader: the outer
// ring and every box. It is worked out once, when the layout is done.
func (l *ringsLayout) extent() (x0, y0, x1, y1 float64) {
	if l.reach == [4]float64{} {
		r := l.radius[2]
		l.reach = [4]float64{-r, -r, r, r}
		for _, s := range l.slots {
			l.reach[0] = math.Min(l.reach[0], s.x-s.w/2)
			l.reach[1] = math.Min(l.reach[1], s.y-s.h/2)
			l.reach[2] = math.Max(l.reach[2], s.x+s.w/2)
			l.reach[3] = math.Max(l.reach[3], s.y+s.h/2)
		}
	}
	return l.reach[0], l.reach[1], l.reach[2], l.reach[3]
}

// leavesAlongSpoke reports whether a curve that starts at end towards
// ctrl leaves within 15 degrees of the line from end to the leader.
func leavesAlongSpoke(end, ctrl [2]float64) bool {
	tx, ty := ctrl[0]-end[0], ctrl[1]-end[1]
	sx, sy := -end[0], -end[1]
	n := math.Hypot(tx, ty) * math.Hypot(sx, sy)
	return n > 0 && (tx*sx+ty*sy)/n > math.Cos(15*math.Pi/180)
}

// nearSpoke reports whether the path pts runs alongside the line from the
// leader to (sx, sy) (see alongside), and how often it crosses it, outside
// the tie's own boxes.
func nearSpoke(pts []sample, sx, sy float64) (along bool, crossed int) {
	l2 := sx*sx + sy*sy
	side := func(p sample) float64 { return sx*p.y - sy*p.x }
	run := 0
	for k, p := range pts {
		t := math.Max(0, math.Min(1, (p.x*sx+p.y*sy)/l2))
		dx, dy := p.x-t*sx, p.y-t*sy
		if !p.own && dx*dx+dy*dy < 16 {
			run++
			along = along || run >= 4
		} else {
			run = 0
		}
		if k == 0 || p.own || pts[k-1].own {
			continue
		}
		q := pts[k-1]
		if sp, sq := side(p), side(q); (sp > 0) != (sq > 0) {
			// Where the piece meets the line: between the leader and
			// the box?
			u := sq / (sq - sp)
			x, y := q.x+(p.x-q.x)*u, q.y+(p.y-q.y)*u
			if d := (x*sx + y*sy) / l2; d > 0 && d < 1 {
				crossed++
			}
		}
	}
	return along, crossed
}

// alongside reports whether at least four points of pts in a row, outside
// the two boxes the tie joins, are near a line (near says which are).
func alongside(pts []sample, near func(sample) bool) bool {
	run := 0
	for _, p := range pts {
		if !p.own && near(p) {
			run++
			if run >= 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// writeClusterTies draws the ties of the clusters layout as edges that dot
// routes but does not rank by (constraint=false), so that everyone stays
// in their column. Ties within a side loop round the outer edge of its
// column, away from the leader's lines; a tie between the sides crosses
// them, and is drawn under them: under outputorder=edgesfirst Graphviz
// draws each node's edges in the order the nodes were made, so its tail
// is the person outside, made before anyone else (declareTieTails), and
// the leader is made last of all. (Ties within the inside share their
// tail with a line to the leader, so some are drawn after some of those;
// they do not cross.)
func writeClusterTies(w *dotWriter, m *model) {
	for _, pass := range []bool{false, true} {
		for _, t := range m.ties {
			if (t.severity != "") != pass {
				continue
			}
			a, b := t.a, t.b
			if crossesSides(m, t) && m.people[a].side != assess.External {
				a, b = b, a
			}
			color, pen := tieStyle(t)
			w.stmt(1, fmt.Sprintf("p%d -> p%d", a, b), kv("dir", "none"), kv("constraint", "false"),
				kv("color", quote(color)), kv("penwidth", num(pen)))
		}
	}
}

// declareTieTails makes the nodes of the people outside who know someone
// inside, before any other node: see writeClusterTies.
func declareTieTails(w *dotWriter, m *model) {
	seen := map[int]bool{}
	for _, t := range m.ties {
		if !crossesSides(m, t) {
			continue
		}
		i := t.a
		if m.people[i].side != assess.External {
			i = t.b
		}
		if !seen[i] {
			seen[i] = true
			w.stmt(1, fmt.Sprintf("p%d", i))
		}
	}
}

// crossesSides reports whether a tie joins someone inside and someone
// outside.
func crossesSides(m *model, t tie) bool { return m.people[t.a].side != m.people[t.b].side }
