package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// writeRaw writes a JSON body as the engine sent it, only indented for review.
func (r *recorder) writeRaw(name string, body []byte) error {
	var buf bytes.Buffer
	if err := json.Indent(&buf, body, "", "  "); err != nil {
		return fmt.Errorf("indenting %s: %w", name, err)
	}
	buf.WriteByte('\n')
	return r.writeFile(name, buf.Bytes())
}

func (r *recorder) writeJSON(name string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding %s: %w", name, err)
	}
	return r.writeFile(name, append(data, '\n'))
}

// writeEvents writes stream lines unchanged, one a line, as /events sends them.
func (r *recorder) writeEvents(name string, lines []eventLine) error {
	var buf bytes.Buffer
	for _, l := range lines {
		buf.Write(l.raw)
		buf.WriteByte('\n')
	}
	return r.writeFile(name, buf.Bytes())
}

func (r *recorder) writeFile(name string, data []byte) error {
	if err := os.MkdirAll(r.out, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", r.out, err)
	}
	path := filepath.Join(r.out, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// writeInspect captures the inspect answer of a fixture's container.
func (r *recorder) writeInspect(ctx context.Context, fixture string) error {
	body, err := r.api.get(ctx, "/containers/"+r.ids[fixture]+"/json", nil)
	if err != nil {
		return err
	}
	return r.writeRaw("inspect-"+fixture+".json", body)
}
