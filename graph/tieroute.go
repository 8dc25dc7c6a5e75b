package graph

import (
	"container/heap"
	"math"
)

// A tie that no arch can draw without running under someone's box is
// routed round the boxes: a shortest path on a grid over the rings layout
// that never enters another box or the leader and avoids running along a
// line from the leader or a ring guide, pulled taut into a few straight
// stretches and smoothed into a curve through their corners. Only in a
// circle that is not crowded: in a crowded one the boxes leave no room,
// and the map would take longer to draw than to read.

// routeCell is the grid's cell size, in points.
const routeCell = 5.0

// routeClearance is how far round another box a route would rather keep.
const routeClearance = 14.0

// routeGrid is the grid a tie is routed on.
type routeGrid struct {
	n, m    int     // columns and rows
	x0, y0  float64 // the centre of cell (0, 0)
	blocked []bool
	cost    []float32 // what entering a cell costs beyond its length, per point
}

// grid builds the routing grid for a tie between a and b: every box but
// theirs is blocked, and so is the leader.
func (l *ringsLayout) grid(a, b *slot) *routeGrid {
	x0, y0, x1, y1 := l.extent()
	g := &routeGrid{n: int((x1-x0)/routeCell) + 1, m: int((y1-y0)/routeCell) + 1, x0: x0, y0: y0}
	g.blocked = make([]bool, g.n*g.m)
	g.cost = make([]float32, g.n*g.m)
	mark := func(s *slot, grow float64, block bool, cost float32) {
		i0, j0 := g.cell(s.x-s.w/2-grow, s.y-s.h/2-grow)
		i1, j1 := g.cell(s.x+s.w/2+grow, s.y+s.h/2+grow)
		for j := max(j0, 0); j <= min(j1, g.m-1); j++ {
			for i := max(i0, 0); i <= min(i1, g.n-1); i++ {
				if block {
					g.blocked[j*g.n+i] = true
				}
				g.cost[j*g.n+i] += cost
			}
		}
	}
	// Other people's boxes are walls, and the space next to them costs
	// more, so that a route keeps its distance and does not seem to come
	// from them. A gap's placeholder names nobody: a route may pass under
	// one, at a price.
	for _, s := range l.slots {
		switch {
		case s == a || s == b:
		case s.person >= 0:
			mark(s, routeClearance, false, 3)
			mark(s, pad, true, 0)
		default:
			mark(s, 0, false, 3)
		}
	}
	for _, s := range l.labels {
		mark(s, 0, false, 2)
	}
	near := 0.55 * l.radius[0]
	for j := 0; j < g.m; j++ {
		for i := 0; i < g.n; i++ {
			x, y := g.centre(i, j)
			k := j*g.n + i
			r := math.Hypot(x, y)
			switch {
			case r < leaderSize/2+pad:
				g.blocked[k] = true
			case r < near:
				g.cost[k] += float32(2 + 4*(near-r)/near)
			}
			for _, rr := range l.radius {
				if math.Abs(r-rr) < 4 {
					g.cost[k] += 1.5
				}
			}
		}
	}
	// Along the lines from the leader: a tie may cross one, at a price
	// (each crossing adds to the tangle round the leader), but not run
	// beside it.
	for _, s := range l.slots {
		if s.beside {
			continue
		}
		length := math.Hypot(s.x, s.y)
		for d := 0.0; d < length; d += routeCell / 2 {
			x, y := s.x*d/length, s.y*d/length
			i, j := g.cell(x, y)
			for dj := -1; dj <= 1; dj++ {
				for di := -1; di <= 1; di++ {
					if ii, jj := i+di, j+dj; ii >= 0 && ii < g.n && jj >= 0 && jj < g.m {
						g.cost[jj*g.n+ii] = max(g.cost[jj*g.n+ii], 4)
					}
				}
			}
		}
	}
	return g
}

func (g *routeGrid) cell(x, y float64) (int, int) {
	return int(math.Round((x - g.x0) / routeCell)), int(math.Round((y - g.y0) / routeCell))
}

func (g *routeGrid) centre(i, j int) (float64, float64) {
	return g.x0 + float64(i)*routeCell, g.y0 + float64(j)*routeCell
}

// free reports whether the point is on the grid and not blocked.
func (g *routeGrid) free(x, y float64) bool {
	i, j := g.cell(x, y)
	return i >= 0 && i < g.n && j >= 0 && j < g.m && !g.blocked[j*g.n+i]
}

// clear reports whether the straight stretch from p to q crosses no
// blocked cell.
func (g *routeGrid) clear(p, q [2]float64) bool {
	d := math.Hypot(q[0]-p[0], q[1]-p[1])
	steps := int(d/(routeCell/2)) + 1
	for k := 0; k <= steps; k++ {
		t := float64(k) / float64(steps)
		if !g.free(p[0]+(q[0]-p[0])*t, p[1]+(q[1]-p[1])*t) {
			return false
		}
	}
	return true
}

// route finds the cheapest path from a's centre to b's (A*, eight ways
// from each cell), as the corners of its taut straight stretches, ends
// included; nil when there is none.
func (g *routeGrid) route(a, b *slot) [][2]float64 {
	si, sj := g.cell(a.x, a.y)
	ti, tj := g.cell(b.x, b.y)
	if si < 0 || si >= g.n || sj < 0 || sj >= g.m || ti < 0 || ti >= g.n || tj < 0 || tj >= g.m {
		return nil
	}
	start, goal := sj*g.n+si, tj*g.n+ti
	dist := make([]float32, g.n*g.m)
	from := make([]int32, g.n*g.m)
	for k := range dist {
		dist[k] = float32(math.Inf(1))
		from[k] = -1
	}
	h := func(k int) float32 {
		dx, dy := math.Abs(float64(k%g.n-ti)), math.Abs(float64(k/g.n-tj))
		return float32(routeCell * (math.Max(dx, dy) + (math.Sqrt2-1)*math.Min(dx, dy)))
	}
	dist[start] = 0
	q := &cellQueue{{k: start, f: h(start)}}
	for q.Len() > 0 {
		c := heap.Pop(q).(cellItem)
		if c.k == goal {
			break
		}
		if c.f > dist[c.k]+h(c.k) {
			continue // a stale entry
		}
		i, j := c.k%g.n, c.k/g.n
		for dj := -1; dj <= 1; dj++ {
			for di := -1; di <= 1; di++ {
				ii, jj := i+di, j+dj
				if (di == 0 && dj == 0) || ii < 0 || ii >= g.n || jj < 0 || jj >= g.m {
					continue
				}
				k := jj*g.n + ii
				if g.blocked[k] {
					continue
				}
				step := float32(routeCell)
				if di != 0 && dj != 0 {
					step *= math.Sqrt2
				}
				nd := dist[c.k] + step*(1+g.cost[k])
				if nd < dist[k] {
					dist[k], from[k] = nd, int32(c.k)
					heap.Push(q, cellItem{k: k, f: nd + h(k)})
				}
			}
		}
	}
	if from[goal] < 0 {
		return nil
	}
	var cells [][2]float64
	for k := goal; k >= 0; k = int(from[k]) {
		x, y := g.centre(k%g.n, k/g.n)
		cells = append(cells, [2]float64{x, y})
		if k == start {
			break
		}
	}
	cells[0], cells[len(cells)-1] = [2]float64{b.x, b.y}, [2]float64{a.x, a.y}
	// From a: pull each stretch taut, as far along the path as it stays
	// clear.
	var corners [][2]float64
	at := len(cells) - 1
	corners = append(corners, cells[at])
	for at > 0 {
		next := at - 1
		for k := 0; k < at-1; k++ {
			if g.clear(cells[at], cells[k]) {
				next = k
				break
			}
		}
		// A corner under a or b, or close to the one before, would
		// make the curve double back on itself.
		p := cells[next]
		if next == 0 || !inside(a, p[0], p[1]) && !inside(b, p[0], p[1]) &&
			math.Hypot(p[0]-corners[len(corners)-1][0], p[1]-corners[len(corners)-1][1]) > 3*routeCell {
			corners = append(corners, p)
		}
		at = next
	}
	return corners
}

// smoothCurve is the curve through corners (Catmull-Rom, as cubic
// pieces): the smoothest, which may swing wide of the straight stretches
// at a sharp corner.
func smoothCurve(corners [][2]float64) curve {
	var c curve
	tangent := func(k int) [2]float64 {
		lo, hi := max(k-1, 0), min(k+1, len(corners)-1)
		f := 0.5
		if lo == k || hi == k {
			f = 1
		}
		return [2]float64{(corners[hi][0] - corners[lo][0]) * f, (corners[hi][1] - corners[lo][1]) * f}
	}
	for k := 0; k+1 < len(corners); k++ {
		p, q := corners[k], corners[k+1]
		tp, tq := tangent(k), tangent(k+1)
		c = append(c, [4][2]float64{p, {p[0] + tp[0]/3, p[1] + tp[1]/3}, {q[0] - tq[0]/3, q[1] - tq[1]/3}, q})
	}
	return c
}

// filletCurve is the straight stretches between corners with each corner
// rounded off over up to r points either side: it keeps close to the
// stretches, so it stays as clear of the boxes as they are.
func filletCurve(corners [][2]float64, r float64) curve {
	line := func(p, q [2]float64) [4][2]float64 {
		return [4][2]float64{p, {p[0] + (q[0]-p[0])/3, p[1] + (q[1]-p[1])/3}, {p[0] + 2*(q[0]-p[0])/3, p[1] + 2*(q[1]-p[1])/3}, q}
	}
	toward := func(p, q [2]float64, d float64) [2]float64 {
		l := math.Hypot(q[0]-p[0], q[1]-p[1])
		if l == 0 {
			return p
		}
		return [2]float64{p[0] + (q[0]-p[0])*d/l, p[1] + (q[1]-p[1])*d/l}
	}
	var c curve
	from := corners[0]
	for k := 1; k+1 < len(corners); k++ {
		prev, at, next := corners[k-1], corners[k], corners[k+1]
		d := math.Min(r, math.Min(math.Hypot(at[0]-prev[0], at[1]-prev[1]), math.Hypot(next[0]-at[0], next[1]-at[1]))/2)
		in, out := toward(at, prev, d), toward(at, next, d)
		c = append(c, line(from, in))
		// The corner as a quadratic Bézier with its control point at
		// the corner, written as a cubic.
		c = append(c, [4][2]float64{in, {in[0] + 2*(at[0]-in[0])/3, in[1] + 2*(at[1]-in[1])/3}, {out[0] + 2*(at[0]-out[0])/3, out[1] + 2*(at[1]-out[1])/3}, out})
		from = out
	}
	return append(c, line(from, corners[len(corners)-1]))
}

// routed is the tie between a and b routed round the boxes: of a few
// curves along the route, the one curveScore finds best (the smoothest
// first among equals), and its score with the detour's cost; nil when
// there is no route.
func (l *ringsLayout) routed(a, b *slot) (curve, float64) {
	corners := l.grid(a, b).route(a, b)
	if corners == nil {
		return nil, math.Inf(1)
	}
	// A detour costs by how much longer it is than the straight line.
	length := 0.0
	for k := 1; k < len(corners); k++ {
		length += math.Hypot(corners[k][0]-corners[k-1][0], corners[k][1]-corners[k-1][1])
	}
	detour := 10 + 30*(length/math.Max(math.Hypot(b.x-a.x, b.y-a.y), 1)-1)
	var best curve
	bestScore := math.Inf(1)
	for _, c := range []curve{smoothCurve(corners), filletCurve(corners, 40), filletCurve(corners, 16)} {
		if s := l.curveScore(c, a, b, bestScore); s < bestScore {
			best, bestScore = c, s
		}
	}
	return best, bestScore + detour
}

// cellQueue is A*'s open list: a min-heap of cells by their estimate.
type cellItem struct {
	k int
	f float32
}

type cellQueue []cellItem

func (q cellQueue) Len() int           { return len(q) }
func (q cellQueue) Less(i, j int) bool { return q[i].f < q[j].f }
func (q cellQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *cellQueue) Push(x any)        { *q = append(*q, x.(cellItem)) }
func (q *cellQueue) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}
