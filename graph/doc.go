// Package graph draws a leader's support map from a saved result.
//
// The map is built as Graphviz DOT here, in Go (DOT), and drawn by
// go-graphviz (Renderer): SVG is Graphviz's own; PNG is that SVG
// rasterized in pure Go by package raster, because go-graphviz's PNG
// renderer (v0.2.10) fills every shape. A typical caller:
//
//	f, err := graph.FormatFromPath(out) // or graph.ParseFormat(flag)
//	...
//	res = assess.Redact(res)           // for --redact
//	r := graph.NewRenderer()
//	defer r.Close()
//	data, err := r.Map(ctx, res, f, graph.Options{Layout: layout, Location: time.Local}, 0)
//	// write data to out atomically
//
// Two layouts. Rings (the default): the leader at the centre of three
// ring guides (inner, middle, outer); people inside the organization on
// the left half, outside on the right, each on their own ring, at angles
// chosen so that boxes do not overlap and no line from the leader runs
// under someone closer in; the positions are pinned, because Graphviz's
// twopi cannot put nodes on chosen rings. Clusters: Graphviz's dot engine
// with a box for each side and the leader between them.
//
// On both: colour by side (Okabe and Ito's colour-blind-safe blue and
// bluish green), line width by tie strength, a double square border for a
// formal power relation, every open gap as a dashed placeholder (red for a
// gap, amber for a warning) where it belongs, labelled with its title, and
// a header with the title, the date, the balance in words and a legend of
// the marks the map uses.
//
// Ties among people (who knows whom) are thin, light purple lines between
// the two boxes, drawn under the leader's lines and every box, so that the
// star reads first; a tie a finding is about is drawn in the finding's
// colour, a little heavier. In the rings layout each tie's curve is chosen
// here (an arch, or a route round the boxes) and handed to Graphviz as
// the edge's pos, which the nop2 engine keeps; in the clusters layout dot
// routes them without letting them move anyone.
//
// Names. Whatever a name holds, it only ever becomes label text: it is
// cleaned to one line of printable text (control characters and line
// breaks become spaces, bidi overrides are dropped, invalid UTF-8 becomes
// U+FFFD) and shortened with an ellipsis to about 24 letters
// (DisplayName), then escaped for DOT (backslashes, quotes and ampersands;
// Graphviz reads \N, \G and HTML entities inside labels). Redact replaces
// every name with initials.
//
// go-graphviz compiles its WebAssembly when the program starts, and caches
// the compiled code; see CacheDir and CacheEnv for where.
package graph
