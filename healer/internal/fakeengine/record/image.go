package main

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"

	"github.com/moby/moby/api/types/build"
	"github.com/moby/moby/client"
)

const imageName = "healstack-record:latest"

const dockerfile = `FROM scratch
COPY fixture /fixture
ENTRYPOINT ["/fixture"]
CMD ["serve"]
`

// buildImage builds the workload image from a static build of this program.
func buildImage(ctx context.Context, cli *client.Client) error {
	binary, err := buildStatic(ctx)
	if err != nil {
		return fmt.Errorf("building static binary: %w", err)
	}
	buildCtx, err := buildContext(binary)
	if err != nil {
		return fmt.Errorf("packing build context: %w", err)
	}
	res, err := cli.ImageBuild(ctx, buildCtx, client.ImageBuildOptions{
		Tags:        []string{imageName},
		Labels:      map[string]string{labelKey: "true"},
		Remove:      true,
		ForceRemove: true,
		Version:     build.BuilderV1, // the engine here has no BuildKit
	})
	if err != nil {
		return fmt.Errorf("building image: %w", err)
	}
	defer res.Body.Close()
	return readBuildOutput(res.Body)
}

// buildStatic compiles this program without cgo: `go run` may have linked it against
// libc, which a FROM scratch image does not have.
func buildStatic(ctx context.Context) ([]byte, error) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return nil, errors.New("no build information in this binary")
	}
	dir, err := os.MkdirTemp("", "healstack-record-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "fixture")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, info.Path)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go build %s: %w", info.Path, err)
	}
	return os.ReadFile(out)
}

func buildContext(binary []byte) (io.Reader, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	files := []struct {
		name string
		mode int64
		data []byte
	}{
		{"Dockerfile", 0o644, []byte(dockerfile)},
		{"fixture", 0o755, binary},
	}
	for _, f := range files {
		hdr := &tar.Header{Name: f.name, Mode: f.mode, Size: int64(len(f.data))}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	return &buf, tw.Close()
}

// readBuildOutput drains the build's JSON messages: the HTTP status is 200 even when
// the build fails, the failure comes as a message.
func readBuildOutput(body io.Reader) error {
	dec := json.NewDecoder(body)
	for {
		var msg struct {
			Error string `json:"error"`
		}
		err := dec.Decode(&msg)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading build output: %w", err)
		}
		if msg.Error != "" {
			return fmt.Errorf("building image: %s", msg.Error)
		}
	}
}
