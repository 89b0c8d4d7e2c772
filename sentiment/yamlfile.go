package sentiment

import (
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yamlLineRE finds the line number in a yaml error message.
var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// decodeYAML reads a whole YAML document from r into v, rejecting unknown
// fields. Errors name the file and, when yaml gives it, the line:
// "name:12: ...". It returns the bytes read and the document's node tree,
// which callers use to find the lines of list items. The document is
// parsed once, into the node tree, and decoded from it.
func decodeYAML(r io.Reader, name string, v any) ([]byte, *yaml.Node, error) {
	data, root, err := parseYAML(r, name)
	if err != nil {
		return nil, nil, err
	}
	if err := knownFields(root, reflect.TypeOf(v), name); err != nil {
		return nil, nil, err
	}
	if err := root.Decode(v); err != nil {
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
			return nil, nil, fmt.Errorf("%s:%s: %w", name, m[1], err)
		}
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return data, root, nil
}

// parseYAML reads a whole YAML document from r into a node tree; errors
// name the file and, when yaml gives it, the line.
func parseYAML(r io.Reader, name string) ([]byte, *yaml.Node, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", name, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
			return nil, nil, fmt.Errorf("%s:%s: %w", name, m[1], err)
		}
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, nil, fmt.Errorf("%s: empty file", name)
	}
	return data, &root, nil
}

// scalarOf returns the value of a scalar node ("" for null), or an error
// naming the file, line and key.
func scalarOf(n *yaml.Node, name, key string) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", fmt.Errorf("%s:%d: %s: want a single value", name, n.Line, key)
	}
	if n.Tag == "!!null" {
		return "", nil
	}
	return n.Value, nil
}

// stringsOf returns the values of a sequence of scalars (none for null),
// or an error naming the file, line and key.
func stringsOf(n *yaml.Node, name, key string) ([]string, error) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d: %s: want a list", name, n.Line, key)
	}
	out := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		v, err := scalarOf(c, name, key)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// knownFields checks that every key of every mapping of n that decodes
// into a struct names a field of it, as yaml's KnownFields does for a
// Decoder; the error names the file and line of the key.
func knownFields(n *yaml.Node, t reflect.Type, name string) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			if err := knownFields(c, t, name); err != nil {
				return err
			}
		}
	case yaml.SequenceNode:
		if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
			return nil
		}
		for _, c := range n.Content {
			if err := knownFields(c, t.Elem(), name); err != nil {
				return err
			}
		}
	case yaml.MappingNode:
		switch t.Kind() {
		case reflect.Map:
			for i := 1; i < len(n.Content); i += 2 {
				if err := knownFields(n.Content[i], t.Elem(), name); err != nil {
					return err
				}
			}
		case reflect.Struct:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				ft, ok := fieldByTag(t, k.Value)
				if !ok {
					return fmt.Errorf("%s:%d: unknown key %q (want one of %s)", name, k.Line, k.Value, strings.Join(fieldTags(t), ", "))
				}
				for j := 0; j < i; j += 2 {
					if n.Content[j].Value == k.Value {
						return fmt.Errorf("%s:%d: key %q already given at line %d", name, k.Line, k.Value, n.Content[j].Line)
					}
				}
				if err := knownFields(n.Content[i+1], ft, name); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// fieldTags returns the yaml keys of the fields of struct t.
func fieldTags(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		switch tag {
		case "-":
		case "":
			out = append(out, strings.ToLower(t.Field(i).Name))
		default:
			out = append(out, tag)
		}
	}
	return out
}

// fieldByTag returns the type of the field of struct t whose yaml key is
// key: its tag's name, else its lower-cased name.
func fieldByTag(t reflect.Type, key string) (reflect.Type, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if tag == "-" {
			continue
		}
		if tag == "" {
			tag = strings.ToLower(f.Name)
		}
		if tag == key {
			return f.Type, true
		}
	}
	return nil, false
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
