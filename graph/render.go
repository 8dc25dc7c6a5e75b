package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/graph/internal/wasmcache"
	"github.com/circle-cli/circle/graph/raster"
	"github.com/goccy/go-graphviz"
)

// go-graphviz has read $TMPDIR by the time this runs (this package imports
// it, so its init ran first); put the variable back. See CacheDir.
func init() { wasmcache.Restore() }

// CacheEnv is the environment variable that decides where the compiled
// Graphviz code is cached: unset for the user's cache directory (such as
// ~/.cache/circle), "off" for no cache, or a directory of one's own. It is
// read when the program starts, before main: go-graphviz compiles its
// WebAssembly in a package init function, so no later call can change it.
const CacheEnv = wasmcache.EnvVar

// CacheDir reports where go-graphviz caches its compiled code: a private
// directory, or "" when the cache is off. err says why a cache that was
// wanted is not in use (a directory others can write to, or no home
// directory); rendering works either way, only slower to start (about 0.7 s
// instead of 0.1 s).
func CacheDir() (string, error) { return wasmcache.Dir() }

// gvMu serializes every call into go-graphviz: its WebAssembly module is a
// single instance for the whole process and is not safe for concurrent use.
var gvMu sync.Mutex

// engines are the Graphviz layouts a DOT from this package asks for; any
// other layout attribute is refused, as a foreign DOT could name one that
// is not built in.
var engines = map[string]graphviz.Layout{
	"":      graphviz.DOT,
	"dot":   graphviz.DOT,
	"neato": graphviz.NEATO,
	"nop":   graphviz.NOP,
	"nop2":  graphviz.NOP2,
}

// Renderer draws DOT as SVG or PNG with go-graphviz. It starts a Graphviz
// context on the first SVG or PNG and keeps it for later ones; DOT output
// never starts it. A Renderer is safe for concurrent use. Close it when done.
type Renderer struct {
	mu     sync.Mutex
	gv     *graphviz.Graphviz
	closed bool
}

// NewRenderer returns a Renderer. It does no work until the first Render.
func NewRenderer() *Renderer { return &Renderer{} }

// Map builds the support map of a result and renders it in one step.
func (r *Renderer) Map(ctx context.Context, res *assess.Result, f Format, opt Options, scale float64) ([]byte, error) {
	if _, err := ParseFormat(string(f)); err != nil {
		return nil, err
	}
	dot, err := DOT(res, opt)
	if err != nil {
		return nil, err
	}
	return r.Render(ctx, dot, f, scale)
}

// Render draws dot in format f: DOT returns it unchanged, SVG is
// Graphviz's own, PNG rasterizes that SVG at scale pixels per point (0
// means raster.DefaultScale, 2, or less for a map too large for
// raster.MaxPixels). The format is checked before Graphviz is touched.
// Graphviz cannot be interrupted once it runs; ctx is checked before. The layout engine is the one the DOT's layout attribute names
// (dot when it names none). The result is a buffer; write it to a file
// atomically.
func (r *Renderer) Render(ctx context.Context, dot []byte, f Format, scale float64) ([]byte, error) {
	f, err := ParseFormat(string(f))
	if err != nil {
		return nil, err
	}
	if f == FormatDOT {
		return bytes.Clone(dot), nil
	}
	if f == FormatPNG && scale != 0 && !(scale >= 0.1 && scale <= 16) {
		return nil, fmt.Errorf("scale %g is out of range; use a number from 0.1 to 16 (2 is sharp on most screens)", scale)
	}
	svg, err := r.svg(ctx, dot)
	if err != nil {
		return nil, err
	}
	if f == FormatSVG {
		return svg, nil
	}
	return raster.PNG(svg, scale)
}

func (r *Renderer) svg(ctx context.Context, dot []byte) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil, errors.New("the renderer is closed")
	}
	gvMu.Lock()
	defer gvMu.Unlock()
	if r.gv == nil {
		gv, err := graphviz.New(ctx)
		if err != nil {
			return nil, fmt.Errorf("starting Graphviz: %w", err)
		}
		r.gv = gv
	}
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return nil, fmt.Errorf("reading the map's DOT: %w", err)
	}
	defer g.Close()
	engine, ok := engines[g.GetStr("layout")]
	if !ok {
		return nil, fmt.Errorf("the DOT asks for layout %q; circle draws dot, neato, nop and nop2", g.GetStr("layout"))
	}
	r.gv.SetLayout(engine)
	var buf bytes.Buffer
	if err := r.gv.Render(ctx, g, graphviz.SVG, &buf); err != nil {
		return nil, fmt.Errorf("laying out the map: %w", err)
	}
	return buf.Bytes(), nil
}

// Close releases the Graphviz context, if one was started. Rendering after
// Close is an error. The error result is for io.Closer; it is always nil.
func (r *Renderer) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	if r.gv == nil {
		return nil
	}
	gvMu.Lock()
	defer gvMu.Unlock()
	// Graphviz's gvFreeContext answers with the number of errors seen
	// since the context started, so go-graphviz's Close reports a DOT
	// syntax error that Render already returned; it frees the context all
	// the same.
	_ = r.gv.Close()
	r.gv = nil
	return nil
}
