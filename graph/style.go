package graph

import "github.com/circle-cli/circle/assess"

// The palette. The hues are from Okabe and Ito's colour-blind-safe set
// (blue #0072B2, bluish green #009E73, vermillion #D55E00, orange #E69F00),
// which stay distinct under the common colour-vision deficiencies. Fills are
// light tints so that black text on them stays readable; outlines and lines
// carry the full hue. Inside and outside also differ in place (left and
// right half, or box), so colour is never the only cue.
type palette struct {
	fill, line, edge, text string
}

var (
	insideColors  = palette{fill: "#dcebf7", line: "#0072B2", edge: "#7fb1d6", text: "#00507d"}
	outsideColors = palette{fill: "#d5f0e6", line: "#009E73", edge: "#72c4a8", text: "#006e50"}
	gapColors     = palette{fill: "#fce8dc", line: "#D55E00", edge: "#e8a07a", text: "#9a3f00"}
	warningColors = palette{fill: "#fdf2d6", line: "#E69F00", edge: "#f0c766", text: "#7a5200"}
)

// Neutral colours for the frame of the picture.
const (
	leaderFill   = "#394b59"
	guideColor   = "#c3cad2"
	dividerColor = "#9aa5af"
	mutedText    = "#5f6b76"
	titleText    = "#1f2a33"
	powerLine    = "#3b4650"
)

func sideColors(s assess.Side) palette {
	if s == assess.External {
		return outsideColors
	}
	return insideColors
}

func gapPalette(severity string) palette {
	if severity == assess.SeverityWarning {
		return warningColors
	}
	return gapColors
}

// penWidth is the width of the line to a person: 0.8 points for the
// weakest tie up to 4.8 for the strongest, so strength reads at a glance.
func penWidth(strength float64) float64 {
	if !(strength > 0) {
		strength = 0
	}
	if strength > 1 {
		strength = 1
	}
	return 0.8 + 4*strength
}

// sideLabel names a side the way the map says it.
func sideLabel(s assess.Side) string {
	if s == assess.External {
		return "Outside the organization"
	}
	return "Inside the organization"
}
