package soakreport

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Files are where Write puts a report, next to the suite's JUnit files.
type Files struct {
	Markdown, Chart, JSON string
}

// FilesIn names the report's files in a results folder.
func FilesIn(dir string) Files {
	return Files{Markdown: filepath.Join(dir, "soak.md"), Chart: filepath.Join(dir, "soak.png"),
		JSON: filepath.Join(dir, "soak.json")}
}

// Write stores the Markdown, the chart and the raw cycles. The soak calls it after every
// cycle, so a run cut short still leaves the cycles it made.
func Write(f Files, r Report) error {
	if err := os.MkdirAll(filepath.Dir(f.Markdown), 0o755); err != nil {
		return fmt.Errorf("creating the results folder: %w", err)
	}
	raw, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the soak's cycles: %w", err)
	}
	errs := []error{
		writeFile(f.Markdown, []byte(Markdown(r))),
		writeFile(f.JSON, append(raw, '\n')),
	}
	if len(r.Cycles) > 0 {
		errs = append(errs, Chart(r, f.Chart))
	}
	return errors.Join(errs...)
}

// AppendSummary adds the Markdown to a job summary (GITHUB_STEP_SUMMARY); an empty
// path, outside GitHub Actions, does nothing.
func AppendSummary(path string, r Report) error {
	if path == "" {
		return nil
	}
	file, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("opening the job summary: %w", err)
	}
	_, err = file.WriteString(Markdown(r) + "\n")
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("appending to the job summary: %w", err)
	}
	return nil
}

func writeFile(path string, data []byte) error {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
