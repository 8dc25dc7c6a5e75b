// Package chart draws the trend of a leader's results over time: one line
// per score, the quarters along the bottom. It uses gonum.org/v1/plot, whose
// own SVG and PNG back ends (with the Liberation fonts it embeds) need
// nothing from the system.
package chart

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/prose"
)

// Formats the chart can be written in.
const (
	SVG = "svg"
	PNG = "png"
)

// palette is colour-blind safe (Okabe and Ito), one colour per line.
var palette = []color.Color{
	color.RGBA{0, 114, 178, 255},   // blue
	color.RGBA{0, 158, 115, 255},   // green
	color.RGBA{213, 94, 0, 255},    // vermilion
	color.RGBA{204, 121, 167, 255}, // purple
	color.RGBA{230, 159, 0, 255},   // orange
	color.RGBA{86, 180, 233, 255},  // sky blue
}

// Series is one score over time; a nil value is a result where the score
// was null, drawn as a break in the line.
type Series struct {
	Name   string
	Times  []time.Time
	Values []*float64
}

// collect gathers the scores of results (oldest first) into series: the structure
// scores on a fixed range, the counts whose range grows with the circle
// (outside confidants, effective size), the measures of who knows whom on
// a fixed range (efficiency, constraint, tie density), and the Likert
// subscales.
func collect(results []*assess.Result) (structure, counts, ties, feelings []Series) {
	index := map[string]int{}
	var all []Series
	for _, r := range results {
		for _, s := range r.Scores {
			if s.Name == assess.ScoreCalibrationGap {
				continue // in points, on no scale shared with the others
			}
			i, ok := index[s.Name]
			if !ok {
				i = len(all)
				index[s.Name] = i
				all = append(all, Series{Name: s.Name})
			}
			all[i].Times = append(all[i].Times, r.TakenAt)
			all[i].Values = append(all[i].Values, s.Value)
		}
	}
	for _, s := range all {
		switch {
		case !isStructure(s.Name):
			feelings = append(feelings, s)
		case slices.Contains(assess.TieScores, s.Name) && !asked(s):
		case growsWithCircle(s.Name):
			counts = append(counts, s)
		case slices.Contains(assess.TieScores, s.Name):
			ties = append(ties, s)
		default:
			structure = append(structure, s)
		}
	}
	return structure, counts, ties, feelings
}

// asked reports whether any value of s is there: the measures of who
// knows whom are null in every result never asked, and draw nothing.
func asked(s Series) bool {
	return slices.ContainsFunc(s.Values, func(v *float64) bool { return v != nil })
}

// growsWithCircle reports whether a score's range grows with the number
// of people (outside confidants: 0 to n).
func growsWithCircle(name string) bool {
	_, a, _ := assess.ScoreRange(name, 1)
	_, b, _ := assess.ScoreRange(name, 2)
	return a != b
}

// panelSpec is one panel of the chart: scores that share a scale, drawn
// on it from lo to hi.
type panelSpec struct {
	title, yLabel string
	series        []Series
	lo, hi        float64
	// whole puts the ticks of the scale on whole numbers.
	whole bool
}

// panels lays out the chart: each score on its range from the scoring
// table (assess.DrawRange), never on the range of its values, so that a
// small change looks small. The structure scores share one panel whose
// scale covers all their ranges (−1 to 1 with the balance); counts such
// as outside confidants have one from 0 to the most among the results;
// the measures of who knows whom one from 0 to 1 (to 1.125 with the
// constraint); the subscales one from 0 to 100.
func panels(results []*assess.Result) []panelSpec {
	structure, counts, ties, feelings := collect(results)
	first, last := results[0].TakenAt, results[len(results)-1].TakenAt
	var out []panelSpec
	if len(structure) > 0 {
		p := panelSpec{
			title:  fmt.Sprintf("Your support circle over time · %s to %s", first.Local().Format("Jan 2006"), last.Local().Format("Jan 2006")),
			series: structure,
			lo:     math.Inf(1), hi: math.Inf(-1),
		}
		for _, s := range structure {
			lo, hi, _ := assess.DrawRange(s.Name, s.Values)
			p.lo, p.hi = math.Min(p.lo, lo), math.Max(p.hi, hi)
		}
		p.yLabel = "0 to 1"
		if p.lo < 0 {
			p.yLabel = "balance −1 inside … +1 outside; others 0 to 1"
		}
		out = append(out, p)
	}
	if len(counts) > 0 {
		p := panelSpec{title: "How many", yLabel: "people", series: counts, whole: true}
		var labels []string
		for _, s := range counts {
			_, hi, _ := assess.DrawRange(s.Name, s.Values)
			p.hi = math.Max(p.hi, hi)
			labels = append(labels, label(s.Name))
		}
		p.title = strings.Join(labels, ", ")
		out = append(out, p)
	}
	if len(ties) > 0 {
		p := panelSpec{title: "Who knows whom", yLabel: "0 to 1; constraint to 1.125", series: ties, lo: 0}
		for _, s := range ties {
			_, hi, _ := assess.DrawRange(s.Name, s.Values)
			p.hi = math.Max(p.hi, hi)
		}
		out = append(out, p)
	}
	if len(feelings) > 0 {
		out = append(out, panelSpec{title: "How the role feels", yLabel: "0 to 100", series: feelings, lo: 0, hi: 100})
	}
	return out
}

func isStructure(name string) bool {
	for _, c := range assess.CoreScores {
		if c == name {
			return true
		}
	}
	return false
}

// Trend draws results (oldest first) as a chart in format (svg or png).
// scale multiplies the PNG's pixel density (2 is sharp on most screens).
func Trend(results []*assess.Result, format string, scale float64) ([]byte, error) {
	if format != SVG && format != PNG {
		return nil, fmt.Errorf("cannot draw a chart as %q; use .svg or .png", format)
	}
	if len(results) == 0 {
		return nil, errors.New("no results to draw")
	}
	if scale <= 0 {
		scale = 2
	}
	ticks := quarterTicks(results)
	var plots [][]*plot.Plot
	heights := 0.0
	for _, spec := range panels(results) {
		p, err := panel(spec, ticks)
		if err != nil {
			return nil, err
		}
		plots = append(plots, []*plot.Plot{p})
		heights += panelHeight(spec)
	}
	if len(plots) == 0 {
		return nil, errors.New("no scores to draw")
	}

	width, height := 9*vg.Inch, vg.Length(heights)*vg.Inch
	var canvas vg.CanvasWriterTo
	if format == SVG {
		canvas = vgsvg.New(width, height)
	} else {
		canvas = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(int(96*scale)), vgimg.UseBackgroundColor(color.White))}
	}
	dc := draw.New(canvas.(vg.CanvasSizer))
	tiles := draw.Tiles{Rows: len(plots), Cols: 1, PadTop: vg.Points(8), PadBottom: vg.Points(8), PadLeft: vg.Points(8), PadRight: vg.Points(8), PadY: vg.Points(16)}
	canvases := plot.Align(plots, tiles, dc)
	for i := range plots {
		plots[i][0].Draw(canvases[i][0])
	}
	var buf bytes.Buffer
	if _, err := canvas.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// quarterTicks puts one labelled tick under each result.
func quarterTicks(results []*assess.Result) plot.ConstantTicks {
	var ticks plot.ConstantTicks
	seen := map[string]bool{}
	for _, r := range results {
		label := r.TakenAt.Local().Format("2 Jan 2006")
		if seen[label] {
			label = ""
		}
		seen[label] = true
		ticks = append(ticks, plot.Tick{Value: float64(r.TakenAt.Unix()), Label: label})
	}
	return ticks
}

// panelHeight is a panel's height in inches: a counts panel, with one or
// two lines, needs less room than the others.
func panelHeight(spec panelSpec) float64 {
	if spec.whole {
		return 2.4
	}
	return 3.4
}

func panel(spec panelSpec, ticks plot.ConstantTicks) (*plot.Plot, error) {
	series, min, max := spec.series, spec.lo, spec.hi
	p := plot.New()
	p.Title.Text = spec.title
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.Y.Label.Text = spec.yLabel
	p.Y.Label.TextStyle.Font.Size = vg.Points(10)
	// Headroom above the scale keeps the legend off the lines.
	room := float64(len(series)) * 0.09 * (max - min)
	if spec.whole {
		room = 0.25 * (max - min)
	}
	p.Y.Min, p.Y.Max = min, max+room
	var yTicks plot.ConstantTicks
	if spec.whole {
		step := math.Max(1, math.Ceil((max-min)/4))
		for v := min; v <= max+1e-9; v += step {
			yTicks = append(yTicks, plot.Tick{Value: v, Label: trim(v)})
		}
	} else {
		for i := 0; i <= 4; i++ {
			v := min + float64(i)*(max-min)/4
			yTicks = append(yTicks, plot.Tick{Value: v, Label: trim(v)})
		}
	}
	p.Y.Tick.Marker = yTicks
	p.X.Tick.Marker = ticks
	p.Add(plotter.NewGrid())
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.TextStyle.Font.Size = vg.Points(10)
	if len(ticks) == 1 {
		// One result: widen the axis so the single point is not on the edge.
		p.X.Min, p.X.Max = ticks[0].Value-45*86400, ticks[0].Value+45*86400
	}
	for i, s := range series {
		var pts plotter.XYs
		for j, v := range s.Values {
			if v != nil {
				pts = append(pts, plotter.XY{X: float64(s.Times[j].Unix()), Y: *v})
			}
		}
		if len(pts) == 0 {
			continue
		}
		line, points, err := plotter.NewLinePoints(pts)
		if err != nil {
			return nil, err
		}
		c := palette[i%len(palette)]
		line.Color, line.Width = c, vg.Points(2)
		points.Color, points.Shape, points.Radius = c, draw.CircleGlyph{}, vg.Points(3)
		p.Add(line, points)
		p.Legend.Add(label(s.Name), line, points)
	}
	return p, nil
}

func label(name string) string {
	s := strings.ReplaceAll(name, "_", " ")
	return prose.UpperFirst(s)
}

func trim(v float64) string {
	s := strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
	return strings.Replace(s, "-", "−", 1)
}
