package benchfile

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestSummarizeNearestRank(t *testing.T) {
	var trials []float64
	for i := 100; i >= 1; i-- {
		trials = append(trials, float64(i))
	}
	s := Summarize(trials)
	if s.N != 100 || s.P50 != 50 || s.P95 != 95 || s.P99 != 99 || s.Max != 100 || s.Mean != 50.5 {
		t.Errorf("summary = %+v", s)
	}
	if (Summarize(nil) != Summary{}) {
		t.Errorf("empty trials give a summary")
	}
}

func TestWriteKeepsTrials(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "r.json")
	r := NewResult("x", "ms", "< 1", "how", []float64{3, 1, 2})
	if err := Write(path, "make bench", []Result{r}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	var f File
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Results) != 1 || len(f.Results[0].Trials) != 3 || f.Date == "" || f.Machine.Cores == 0 {
		t.Errorf("file = %+v", f)
	}
}
