package graph

import (
	"fmt"
	"math"
	"strings"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/graph/raster"
)

// writeClusters writes the clusters layout: Graphviz's dot engine, left to
// right, with a box for each side and the leader between them. Edges on
// the inside run from the person to the leader and on the outside from the
// leader to the person, so the inside box lands on the left and the outside
// box on the right. Within a side, people stand in one column next to the
// leader, grouped in a small box per ring, inner ring first, so every line
// from the leader is short and crosses nobody. (Putting each ring in its
// own column, nearer or further from the leader, made dot route the lines
// from the far column around the boxes.)
func writeClusters(w *dotWriter, m *model, header string) {
	w.line(0, "digraph circle {")
	w.stmt(1, "graph", kv("layout", "dot"), kv("rankdir", "LR"), kv("nodesep", "0.12"), kv("ranksep", "0.9"), kv("outputorder", "edgesfirst"),
		kv("bgcolor", quote("white")), kv("pad", "0.3"), kv("charset", quote("UTF-8")),
		kv("fontname", quote(fontRegular)), kv("labelloc", "t"), kv("label", header))
	w.stmt(1, "node", kv("fontname", quote(fontRegular)), kv("fontsize", num(10.5)), kv("margin", quote("0.12,0.05")))
	w.stmt(1, "edge", kv("arrowhead", "none"), kv("arrowtail", "none"))
	declareTieTails(w, m)

	order := orderPeople(m.people)
	var sideEdges []string
	for _, sd := range []assess.Side{assess.Internal, assess.External} {
		c := sideColors(sd)
		name := "cluster_inside"
		if sd == assess.External {
			name = "cluster_outside"
		}
		w.line(1, "subgraph "+name+" {")
		// An HTML label with <B>: Graphviz then sizes the box for bold
		// text; with a bold font name it would size it for regular.
		w.stmt(2, "graph", kv("label", "<<B>"+htmlText(sideLabel(sd))+"</B>>"), kv("style", quote("rounded,filled")),
			kv("fillcolor", quote(tint(c))), kv("color", quote(c.line)), kv("penwidth", "1.2"),
			kv("fontsize", "13"), kv("fontcolor", quote(c.text)), kv("margin", "14"))
		var edges []string
		// dot stacks a left-to-right rank bottom up, so the rings and the
		// nodes in them are written in reverse, to read top down: inner
		// ring first, people in order, then the gaps.
		for r := len(assess.Rings) - 1; r >= 0; r-- {
			ring := assess.Rings[r]
			var nodes []string // top to bottom; written in reverse below
			for _, i := range order {
				p := m.people[i]
				if p.side != sd || p.ring != ring {
					continue
				}
				id := fmt.Sprintf("p%d", i)
				nw := raster.MeasureText(p.name, fontRegular, false, 10.5)
				rw := raster.MeasureText(p.relation, fontRegular, false, 10.5)
				label := quote(p.name, p.relation)
				if p.almost {
					// A third line, in the gap's colour, says they almost
					// counted; the summary says for what.
					label = fmt.Sprintf(`<%s<BR/>%s<BR/><FONT POINT-SIZE="%s" COLOR="%s">%s</FONT>>`,
						htmlText(p.name), htmlText(p.relation), num(tagSize+1), gapColors.text, almostTag)
				}
				attrs := []string{kv("shape", "box"), kv("width", inches(math.Max(nw, rw)+18)), kv("fillcolor", quote(c.fill)),
					kv("label", label)}
				if p.power {
					attrs = append(attrs, kv("style", quote("filled")), kv("color", quote(powerLine)), kv("peripheries", "2"))
				} else {
					attrs = append(attrs, kv("style", quote("rounded,filled")), kv("color", quote(c.line)))
				}
				nodes = append(nodes, stmt(id, attrs...))
				edges = append(edges, edge(sd, id, kv("color", quote(c.edge)), kv("penwidth", num(penWidth(p.strength)))))
				// The warnings about this person, right under them.
				for k, g := range m.gaps {
					if len(g.beside) == 0 || g.beside[0] != i {
						continue
					}
					nodes = append(nodes, gapStmt(k, g))
					for _, j := range g.beside {
						edges = append(edges, stmt(fmt.Sprintf("g%d -> p%d", k, j), kv("dir", "none"), kv("style", "dashed"),
							kv("color", quote(warningColors.edge)), kv("penwidth", "1.2"), kv("constraint", "false")))
					}
				}
			}
			for i, g := range m.gaps {
				if g.side != sd || g.ring != ring || len(g.beside) > 0 {
					continue
				}
				gc := gapPalette(g.severity)
				nodes = append(nodes, gapStmt(i, g))
				edges = append(edges, edge(sd, fmt.Sprintf("g%d", i), kv("style", "dashed"), kv("color", quote(gc.edge)), kv("penwidth", "1.2")))
			}
			if len(nodes) == 0 {
				continue
			}
			w.line(2, "subgraph "+name+"_"+string(ring)+" {")
			w.stmt(3, "graph", kv("label", quote(ringTitle(ring))), kv("style", quote("rounded")), kv("color", quote(guideColor)),
				kv("fontsize", num(relationSize)), kv("fontcolor", quote(mutedText)), kv("margin", "8"))
			for k := len(nodes) - 1; k >= 0; k-- {
				w.line(3, nodes[k])
			}
			w.line(2, "}")
		}
		if len(edges) == 0 {
			// Graphviz drops an empty cluster; keep the box, and say why
			// it is empty.
			id := "empty_inside"
			if sd == assess.External {
				id = "empty_outside"
			}
			w.stmt(2, id, kv("shape", "plaintext"), kv("fontcolor", quote(mutedText)), kv("label", quote(emptySide)))
			edges = append(edges, edge(sd, id, kv("style", "invis")))
		}
		w.line(1, "}")
		sideEdges = append(sideEdges, edges...)
	}
	writeClusterTies(w, m)
	// The leader, made after everyone: see writeClusterTies. An invisible
	// cluster around them keeps the ties that pass from side to side at a
	// distance, so that none hugs the leader and reads as their line.
	w.line(1, "subgraph cluster_you {")
	w.stmt(2, "graph", kv("style", "invis"), kv("margin", "22"))
	w.stmt(2, "you", kv("shape", "circle"), kv("width", inches(leaderSize)), kv("fixedsize", "true"),
		kv("style", quote("filled")), kv("fillcolor", quote(leaderFill)), kv("color", quote(leaderFill)),
		kv("fontname", quote(fontBold)), kv("fontsize", "13"), kv("fontcolor", quote("white")), kv("label", quote("You")))
	w.line(1, "}")
	for _, e := range sideEdges {
		w.line(1, e)
	}
	w.line(0, "}")
}

// gapStmt is the node of gap i in the clusters layout.
func gapStmt(i int, g gapNode) string {
	gc := gapPalette(g.severity)
	gw, _ := gapSizeOf(g)
	return stmt(fmt.Sprintf("g%d", i), kv("shape", "box"), kv("style", quote("rounded,dashed,filled")), kv("width", inches(gw)),
		kv("fillcolor", quote(gc.fill)), kv("color", quote(gc.line)), kv("penwidth", "1.4"),
		kv("fontsize", num(gapSize)), kv("fontcolor", quote(gc.text)), kv("label", quote(g.lines...)))
}

// emptySide stands on a side of the map with nobody on it.
const emptySide = "No one named here yet"

// ringTitle names a ring's box in the clusters layout.
func ringTitle(r assess.Ring) string {
	switch r {
	case assess.Inner:
		return "Inner ring: closest"
	case assess.Middle:
		return "Middle ring"
	}
	return "Outer ring"
}

// stmt formats one statement without its indent.
func stmt(head string, attrs ...string) string {
	w := &dotWriter{}
	w.stmt(0, head, attrs...)
	return strings.TrimSuffix(w.b.String(), "\n")
}

// edge joins the leader and a node on the given side.
func edge(sd assess.Side, id string, attrs ...string) string {
	head := "you -> " + id
	if sd == assess.Internal {
		head = id + " -> you"
	}
	return stmt(head, attrs...)
}

// tint is a cluster's background: lighter than the people's fill, so they
// stand out against it.
func tint(c palette) string {
	if c == outsideColors {
		return "#f1faf6"
	}
	return "#f2f7fc"
}
