package sentiment

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// yamlLineRE finds the line number in a yaml error message.
var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// decodeYAML reads a whole YAML document from r into v, rejecting unknown
// fields. Errors name the file and, when yaml gives it, the line:
// "name:12: ...". It returns the bytes read and the document's node tree,
// which callers use to find the lines of list items.
func decodeYAML(r io.Reader, name string, v any) ([]byte, *yaml.Node, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", name, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil, fmt.Errorf("%s: empty file", name)
		}
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
			return nil, nil, fmt.Errorf("%s:%s: %w", name, m[1], err)
		}
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return data, &root, nil
}

// itemLines returns the line of each item of the list under key in the
// top-level mapping of root; missing entries read as line 0.
func itemLines(root *yaml.Node, key string) []int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != key || n.Content[i+1].Kind != yaml.SequenceNode {
			continue
		}
		items := n.Content[i+1].Content
		lines := make([]int, len(items))
		for j, it := range items {
			lines[j] = it.Line
		}
		return lines
	}
	return nil
}

// lineAt returns lines[i] or 0.
func lineAt(lines []int, i int) int {
	if i < len(lines) {
		return lines[i]
	}
	return 0
}

// position formats "name:line", or "name" when the line is unknown.
func position(name string, line int) string {
	if line <= 0 {
		return name
	}
	return name + ":" + strconv.Itoa(line)
}
