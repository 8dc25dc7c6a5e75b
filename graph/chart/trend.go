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

// Collect gathers the scores of results (oldest first) into series: the
// structure scores in one group, the Likert subscales in another.
func Collect(results []*assess.Result) (structure, feelings []Series) {
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
		if isStructure(s.Name) {
			structure = append(structure, s)
		} else {
			feelings = append(feelings, s)
		}
	}
	return structure, feelings
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
	structure, feelings := Collect(results)
	ticks := quarterTicks(results)

	first, last := results[0].TakenAt, results[len(results)-1].TakenAt
	top, err := panel(fmt.Sprintf("Your support circle over time · %s to %s", first.Local().Format("Jan 2006"), last.Local().Format("Jan 2006")),
		"balance −1 inside … +1 outside; others 0 to 1", structure, ticks, -1, 1)
	if err != nil {
		return nil, err
	}
	plots := [][]*plot.Plot{{top}}
	if len(feelings) > 0 {
		bottom, err := panel("How the role feels", "0 to 100", feelings, ticks, 0, 100)
		if err != nil {
			return nil, err
		}
		plots = append(plots, []*plot.Plot{bottom})
	}

	width, height := 9*vg.Inch, vg.Length(3.4*float64(len(plots)))*vg.Inch
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

func panel(title, yLabel string, series []Series, ticks plot.ConstantTicks, min, max float64) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.Y.Label.Text = yLabel
	p.Y.Label.TextStyle.Font.Size = vg.Points(10)
	// Headroom above the scale keeps the legend off the lines.
	room := float64(len(series)) * 0.09 * (max - min)
	p.Y.Min, p.Y.Max = min, max+room
	var yTicks plot.ConstantTicks
	for i := 0; i <= 4; i++ {
		v := min + float64(i)*(max-min)/4
		yTicks = append(yTicks, plot.Tick{Value: v, Label: trim(v)})
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
