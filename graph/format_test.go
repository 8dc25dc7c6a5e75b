package graph

import "testing"

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"svg": FormatSVG, "PNG": FormatPNG, ".dot": FormatDOT, " svg ": FormatSVG} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "jpg", "pdf", "svgz", "png;", "xdot"} {
		if _, err := ParseFormat(in); err == nil {
			t.Errorf("ParseFormat(%q) accepted it", in)
		}
	}
}

func TestFormatFromPath(t *testing.T) {
	for in, want := range map[string]Format{"map.svg": FormatSVG, "/tmp/a.b/Map.PNG": FormatPNG, "circle.dot": FormatDOT} {
		if got, err := FormatFromPath(in); err != nil || got != want {
			t.Errorf("FormatFromPath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"map", "map.jpg", "dir.svg/map", "map.svg.gz"} {
		if _, err := FormatFromPath(in); err == nil {
			t.Errorf("FormatFromPath(%q) accepted it", in)
		}
	}
}

func TestParseLayout(t *testing.T) {
	for in, want := range map[string]Layout{"": Rings, "rings": Rings, "Clusters": Clusters} {
		if got, err := ParseLayout(in); err != nil || got != want {
			t.Errorf("ParseLayout(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseLayout("twopi"); err == nil {
		t.Error("ParseLayout accepted twopi")
	}
	if _, err := DOT(fixture(t, "people-1"), Options{Layout: "twopi"}); err == nil {
		t.Error("DOT accepted the layout twopi")
	}
	if _, err := DOT(nil, Options{}); err == nil {
		t.Error("DOT accepted no result")
	}
}
