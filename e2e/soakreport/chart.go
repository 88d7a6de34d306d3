package soakreport

import (
	"fmt"
	"image/color"
	"os"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// colours tell the lines apart in print as on screen (a colour-blind-safe palette).
var colours = []color.RGBA{
	{R: 0xe6, G: 0x9f, B: 0x00, A: 0xff},
	{R: 0x56, G: 0xb4, B: 0xe9, A: 0xff},
	{R: 0x00, G: 0x9e, B: 0x73, A: 0xff},
	{R: 0xd5, G: 0x5e, B: 0x00, A: 0xff},
}

// Chart draws, one panel above the other, each phase's time per cycle and the healer's
// resident memory and goroutines per cycle, and saves it as a PNG.
func Chart(r Report, path string) error {
	phases, err := phasePlot(r)
	if err != nil {
		return err
	}
	rss, err := healerPlot("healer resident memory (MiB)", r.Cycles,
		func(c Cycle) float64 { return c.ResidentBytes / mib })
	if err != nil {
		return err
	}
	gr, err := healerPlot("healer goroutines", r.Cycles,
		func(c Cycle) float64 { return c.Goroutines })
	if err != nil {
		return err
	}
	return savePanels(path, phases, rss, gr)
}

func phasePlot(r Report) (*plot.Plot, error) {
	p := newPlot(fmt.Sprintf("Soak on the %s flavour: %d crashes", r.Flavour, len(r.Cycles)),
		"seconds from the crash")
	top := 0.0
	for i, ph := range Phases {
		xys := points(r.Cycles, func(c Cycle) float64 { return ph.Took(c).Seconds() })
		if err := addLine(p, ph.Name, xys, colours[i]); err != nil {
			return nil, err
		}
		for _, xy := range xys {
			top = max(top, xy.Y)
		}
	}
	// Head room for the legend, which sits above the lines.
	p.Y.Max = top * 1.5
	return p, nil
}

func healerPlot(title string, cycles []Cycle, of func(Cycle) float64) (*plot.Plot, error) {
	p := newPlot("", title)
	p.Legend = plot.NewLegend()
	if err := addLine(p, "", points(cycles, of), colours[1]); err != nil {
		return nil, err
	}
	return p, nil
}

func newPlot(title, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "cycle"
	p.Y.Label.Text = yLabel
	p.Y.Min = 0
	p.Legend.Top, p.Legend.Left = true, true
	p.Add(plotter.NewGrid())
	return p
}

func addLine(p *plot.Plot, name string, xys plotter.XYs, c color.Color) error {
	line, dots, err := plotter.NewLinePoints(xys)
	if err != nil {
		return fmt.Errorf("plotting %s: %w", p.Y.Label.Text, err)
	}
	line.Color, dots.Color = c, c
	dots.Radius = vg.Points(2)
	p.Add(line, dots)
	if name != "" {
		p.Legend.Add(name, line, dots)
	}
	return nil
}

func points(cycles []Cycle, of func(Cycle) float64) plotter.XYs {
	xys := make(plotter.XYs, len(cycles))
	for i, c := range cycles {
		xys[i].X, xys[i].Y = float64(c.N), of(c)
	}
	return xys
}

// savePanels stacks the plots in one image, their axes aligned.
func savePanels(path string, plots ...*plot.Plot) error {
	img := vgimg.New(9*vg.Inch, 3*vg.Inch*vg.Length(len(plots)))
	grid := make([][]*plot.Plot, len(plots))
	for i, p := range plots {
		grid[i] = []*plot.Plot{p}
	}
	tiles := draw.Tiles{Rows: len(plots), Cols: 1, PadY: vg.Points(8), PadTop: vg.Points(4),
		PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(12)}
	canvases := plot.Align(grid, tiles, draw.New(img))
	for i, p := range plots {
		p.Draw(canvases[i][0])
	}
	file, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("creating chart %s: %w", path, err)
	}
	_, err = vgimg.PngCanvas{Canvas: img}.WriteTo(file)
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing chart %s: %w", path, err)
	}
	return nil
}
