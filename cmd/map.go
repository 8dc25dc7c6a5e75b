package cmd

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/graph"
)

type mapOptions struct {
	f      *Factory
	Ref    string
	File   string
	Format string
	Layout string
	Redact bool
	Scale  float64
}

func newMapCmd(f *Factory, runF func(*mapOptions) error) *cobra.Command {
	opts := &mapOptions{f: f}
	c := &cobra.Command{
		Use:   "map [RESULT] -o FILE",
		Short: "Draw your support circle as SVG, PNG or DOT",
		Long: `Draw the support map of a result (default: latest): you at the centre, the
people you lean on on three rings, inside the organization on the left and
outside it on the right, and every open gap as a dashed placeholder where it
belongs.

The format comes from the file's extension (.svg, .png, .dot) or --format;
-o - writes SVG or DOT to standard output. --layout clusters draws two boxes,
inside and outside, instead of rings. --redact replaces every name by
initials.` + notEncrypted,
		Example: `  circle map -o circle.png
  circle map previous -o before.svg --layout clusters
  circle map --redact -o shareable.png`,
		Args: resultArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Ref = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return runMap(opts)
		},
	}
	fl := c.Flags()
	fl.StringVarP(&opts.File, "out", "o", "", "write the map to `FILE` (- for standard output)")
	fl.StringVar(&opts.Format, "format", "", "svg, png or dot (default: from the file's extension)")
	fl.StringVar(&opts.Layout, "layout", string(graph.Rings), "rings or clusters")
	fl.BoolVar(&opts.Redact, "redact", false, "replace every name by initials")
	fl.Float64Var(&opts.Scale, "scale", 0, "pixels per point of a PNG, 1 to 8 (default 2, less for a very large circle)")
	c.ValidArgsFunction = completeResults(f, 1)
	_ = c.RegisterFlagCompletionFunc("format", completeWords("svg", "png", "dot"))
	_ = c.RegisterFlagCompletionFunc("layout", completeWords(string(graph.Rings), string(graph.Clusters)))
	_ = c.MarkFlagFilename("out", "svg", "png", "dot")
	return c
}

// mapRequest is a map to draw and where: shared by map, assess --map and
// compare --map, which check it before doing any other work.
type mapRequest struct {
	file   string
	format graph.Format
	opt    graph.Options
	scale  float64
	redact bool
}

func newMapRequest(file, format, layout string, scale float64, redact bool) (*mapRequest, error) {
	if file == "" {
		return nil, usageErrorf("name the file to draw into with -o FILE (.svg, .png or .dot), or -o - for standard output")
	}
	req := &mapRequest{file: file, scale: scale, redact: redact}
	var err error
	switch {
	case format != "":
		req.format, err = graph.ParseFormat(format)
	case file == "-":
		req.format = graph.FormatSVG
	default:
		if req.format, err = graph.ParseFormat(filepath.Ext(file)); err != nil {
			return nil, usageErrorf("cannot tell the map's format from %q; end the file name in .svg, .png or .dot", file)
		}
	}
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	if file == "-" && req.format == graph.FormatPNG {
		return nil, usageErrorf("a PNG cannot go to standard output; give -o FILE.png")
	}
	l, err := graph.ParseLayout(layout)
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	// 0 lets the rasterizer choose: 2, or less when a very large circle
	// would otherwise make an image too big to hold.
	if scale != 0 && (scale < 1 || scale > 8) {
		return nil, usageErrorf("--scale %g is out of range; use 1 to 8", scale)
	}
	req.opt = graph.Options{Layout: l, Location: time.Local}
	return req, nil
}

// draw renders r as the request says and writes it out atomically, 0600:
// a map holds names of people in the user's life.
func (req *mapRequest) draw(f *Factory, r *assess.Result) error {
	if req.redact {
		r = assess.Redact(r)
	}
	rd := graph.NewRenderer()
	defer rd.Close()
	data, err := rd.Map(context.Background(), r, req.format, req.opt, req.scale)
	if err != nil {
		return err
	}
	return req.write(f, data)
}

// drawChange renders a comparison as a change map (rings only). Names are
// redacted by the caller, which redacts both results alike.
func (req *mapRequest) drawChange(f *Factory, c *assess.Comparison) error {
	rd := graph.NewRenderer()
	defer rd.Close()
	opt := req.opt
	opt.Layout = graph.Rings
	data, err := rd.ChangeMap(context.Background(), c, req.format, opt, req.scale)
	if err != nil {
		return err
	}
	return req.write(f, data)
}

func (req *mapRequest) write(f *Factory, data []byte) error {
	if req.file == "-" {
		_, err := f.IO.Out.Write(data)
		return err
	}
	if err := writeOut(f, req.file, data, false); err != nil {
		return err
	}
	fmt.Fprintf(f.IO.ErrOut, "Map written to %s\n", oneLine(req.file))
	return nil
}

func runMap(opts *mapOptions) error {
	req, err := newMapRequest(opts.File, opts.Format, opts.Layout, opts.Scale, opts.Redact)
	if err != nil {
		return err
	}
	rs, err := resolveResults(opts.f, opts.Ref)
	if err != nil {
		return err
	}
	return req.draw(opts.f, rs[0])
}
