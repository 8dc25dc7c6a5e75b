package cmd_test

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The report is opened in a real browser (Debian's chromium, headless), as
// a leader would open it: it must load, show the map and every gap, and
// never reach for the network. .ci/run installs chromium and sets
// CIRCLE_REQUIRE_CHROMIUM, so that there this test cannot be skipped.

func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CIRCLE_REQUIRE_CHROMIUM") != "" {
		t.Fatal("chromium is not installed, and CIRCLE_REQUIRE_CHROMIUM says this run needs it (apt-get install chromium)")
	}
	t.Skip("chromium is not installed; .ci/run installs it (apt-get install chromium)")
	return ""
}

// openInChromium loads a file headless and returns the rendered DOM, a
// screenshot and the URLs the page asked for that were not file:// URLs.
func openInChromium(t *testing.T, bin, page string) (dom string, shot []byte, leaks []string) {
	t.Helper()
	dir := t.TempDir()
	netlog := filepath.Join(dir, "net.json")
	shotPath := filepath.Join(dir, "shot.png")
	flags := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + filepath.Join(dir, "profile"), "--hide-scrollbars",
		"--log-net-log=" + netlog, "--window-size=900,3600",
	}
	run := func(extra ...string) []byte {
		cmd := exec.Command(bin, append(append(append([]string{}, flags...), extra...), "file://"+page)...)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		done := make(chan error, 1)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("chromium: %v\n%s", err, errb.String())
			}
		case <-time.After(90 * time.Second):
			cmd.Process.Kill()
			t.Fatal("chromium did not finish within 90 s")
		}
		return out.Bytes()
	}
	dom = string(run("--dump-dom"))
	leaks = pageRequests(t, netlog)
	run("--screenshot=" + shotPath)
	leaks = append(leaks, pageRequests(t, netlog)...)
	shot, err := os.ReadFile(shotPath)
	if err != nil {
		t.Fatal(err)
	}
	return dom, shot, leaks
}

// pageRequests reads a Chrome net log and returns the URLs of requests the
// page made (their site is the file) to anything but a file. The browser's
// own background requests (update checks and the like) have another site
// and are not the page's doing.
func pageRequests(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Constants struct {
			LogEventTypes map[string]int `json:"logEventTypes"`
		} `json:"constants"`
		Events []struct {
			Type   int            `json:"type"`
			Params map[string]any `json:"params"`
		} `json:"events"`
	}
	// Chrome may leave the log without its closing brackets when it exits.
	if err := json.Unmarshal(data, &log); err != nil {
		trimmed := strings.TrimRight(strings.TrimSpace(string(data)), ",")
		if err := json.Unmarshal([]byte(trimmed+"]}"), &log); err != nil {
			t.Fatalf("reading the net log: %v", err)
		}
	}
	start := log.Constants.LogEventTypes["URL_REQUEST_START_JOB"]
	var urls []string
	for _, e := range log.Events {
		if e.Type != start {
			continue
		}
		url, _ := e.Params["url"].(string)
		site, _ := e.Params["site_for_cookies"].(string)
		if strings.Contains(site, "file://") && !strings.HasPrefix(url, "file:") && !strings.HasPrefix(url, "data:") {
			urls = append(urls, url)
		}
	}
	return urls
}

func TestReportInChromium(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	home := filepath.Join(dir, "circle")
	circle := func(stdin string, args ...string) []byte {
		t.Helper()
		c := exec.Command("circle", args...)
		c.Env = append(os.Environ(), "CIRCLE_HOME="+home, "CIRCLE_CACHE_DIR="+testCacheDir())
		c.Stdin = strings.NewReader(stdin)
		out, err := c.Output()
		if err != nil {
			t.Fatalf("circle %v: %v", args, err)
		}
		return out
	}
	for _, q := range []string{"q1", "q2"} {
		data, err := os.ReadFile(filepath.Join("..", "examples", "quarters", q+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		circle(string(data), "assess", "--answers", "-")
	}
	var latest struct {
		Gaps []struct{ Title string } `json:"gaps"`
	}
	data, _ := os.ReadFile(filepath.Join("..", "examples", "answers.yaml"))
	// A third result with open gaps, so the page has gaps to show.
	if err := json.Unmarshal(circle(strings.Replace(string(data), "questionnaire: leadership-support", "taken_at: 2026-10-01T09:00:00Z", 1), "assess", "--answers", "-", "--output", "json"), &latest); err != nil {
		t.Fatal(err)
	}
	if len(latest.Gaps) == 0 {
		t.Fatal("the fixture should have open gaps")
	}
	report := filepath.Join(dir, "report.html")
	circle("", "report", "-o", report)

	dom, shot, leaks := openInChromium(t, bin, report)
	if len(leaks) > 0 {
		t.Errorf("the report asked for %d URL(s) outside the file: %v", len(leaks), leaks)
	}
	for _, want := range []string{`<section id="map">`, "<svg", "Inside the organization", "Outside the organization", `<section id="changes">`, `<section id="trend">`} {
		if !strings.Contains(dom, want) {
			t.Errorf("the rendered page lacks %q", want)
		}
	}
	for _, g := range latest.Gaps {
		if !strings.Contains(dom, htmlEscape(g.Title)) {
			t.Errorf("the rendered page lacks the gap %q", g.Title)
		}
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 800 || b.Dy() < 2000 {
		t.Errorf("screenshot is %v", b)
	}
	if out := os.Getenv("CIRCLE_REPORT_SCREENSHOT"); out != "" {
		// For looking at it: CIRCLE_REPORT_SCREENSHOT=/tmp/report.png go test -run Chromium
		os.WriteFile(out, shot, 0o600)
	}

	// The check above can fail: a page that does reach out is caught.
	leaky := filepath.Join(dir, "leaky.html")
	os.WriteFile(leaky, []byte(`<html><body><img src="http://example.invalid/x.png"></body></html>`), 0o600)
	if _, _, leaks := openInChromium(t, bin, leaky); len(leaks) == 0 {
		t.Error("a page loading http://example.invalid/x.png was not caught; the net log check is blind")
	}
}

func htmlEscape(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	return r.Replace(s)
}

// The report of the example year's third quarter, as a browser draws it:
// last quarter's plan beside what the leader said became of it and what
// changed, then this quarter's step. CIRCLE_PLAN_SCREENSHOT=FILE keeps
// the picture (the README's docs/images/report-plan.png is cropped from
// it to the two sections).
func TestReportPlanInChromium(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	env := append(os.Environ(), "CIRCLE_HOME="+filepath.Join(dir, "circle"), "CIRCLE_CACHE_DIR="+testCacheDir())
	for _, q := range []string{"q1", "q2", "q3"} {
		c := exec.Command("circle", "assess", "--answers", filepath.Join("..", "examples", "quarters", q+".yaml"))
		c.Env = env
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", q, err, out)
		}
	}
	report := filepath.Join(dir, "q3.html")
	c := exec.Command("circle", "report", "-o", report)
	c.Env = env
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("report: %v\n%s", err, out)
	}
	dom, shot, _ := openInChromium(t, bin, report)
	for _, want := range []string{
		`<section id="plan">`, "<h2>Last time's plan</h2>",
		"Find the peer advisory groups for leaders at your level; visit one", "31 May 2026", "Done", "That gap has closed.",
		"Started", "That warning has cleared.",
		"<h2>Your first steps</h2>", "Talk with Sam about how our working relationship has changed", "15 August 2026",
		"Warnings cleared",
	} {
		if !strings.Contains(dom, htmlEscape(want)) && !strings.Contains(dom, want) {
			t.Errorf("the rendered page lacks %q", want)
		}
	}
	if out := os.Getenv("CIRCLE_PLAN_SCREENSHOT"); out != "" {
		os.WriteFile(out, shot, 0o600)
	}
}
