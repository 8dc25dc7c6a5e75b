package graph

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Format is an output format of a support map.
type Format string

// The formats a map can be written in.
const (
	// FormatSVG is drawn by Graphviz itself.
	FormatSVG Format = "svg"
	// FormatPNG is the SVG rasterized in pure Go (package raster).
	FormatPNG Format = "png"
	// FormatDOT is the Graphviz source, for people who want to restyle the
	// map or render it with their own Graphviz.
	FormatDOT Format = "dot"
)

// Formats lists the formats in the order they are offered.
var Formats = []Format{FormatSVG, FormatPNG, FormatDOT}

// ParseFormat checks a format name. Unknown names are refused here, before
// any rendering: handing Graphviz a format it lacks leaves its engine broken
// for the rest of the process.
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "."))))
	for _, k := range Formats {
		if f == k {
			return f, nil
		}
	}
	return "", fmt.Errorf("%q is not a map format; use svg, png or dot", s)
}

// FormatFromPath picks the format from a file name's extension.
func FormatFromPath(path string) (Format, error) {
	ext := filepath.Ext(path)
	if ext == "" {
		return "", fmt.Errorf("%s has no extension to tell the format by; end it in .svg, .png or .dot, or give --format", path)
	}
	f, err := ParseFormat(ext)
	if err != nil {
		return "", fmt.Errorf("%s: %q is not a map format; end the file name in .svg, .png or .dot, or give --format", path, ext)
	}
	return f, nil
}

// Layout is how a support map is arranged.
type Layout string

// The layouts.
const (
	// Rings puts the leader at the centre of three concentric rings, the
	// organization on the left half and the world outside on the right.
	Rings Layout = "rings"
	// Clusters draws two boxes, inside and outside the organization, with
	// the leader between them, and the people of each ring in a smaller
	// box of their own, inner ring first.
	Clusters Layout = "clusters"
)

// Layouts lists the layouts, the default first.
var Layouts = []Layout{Rings, Clusters}

// ParseLayout checks a layout name; "" is the default, rings.
func ParseLayout(s string) (Layout, error) {
	l := Layout(strings.ToLower(strings.TrimSpace(s)))
	switch l {
	case "":
		return Rings, nil
	case Rings, Clusters:
		return l, nil
	}
	return "", fmt.Errorf("%q is not a layout; use rings or clusters", s)
}
