// Package prompts holds the versioned prompt templates and the JSON schema of
// the LLM analyzer's answer, embedded in the binary. A prompt's version is
// derived from its content, so that any change to a template or the schema
// yields a new version and analyses made with the old one stay traceable.
package prompts

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"text/template"
)

//go:embed */system.tmpl */user.tmpl */schema.json
var files embed.FS

// DefaultName is the name of the prompt the LLM analyzer uses.
const DefaultName = "sentiment-v1"

// Prompt is one versioned prompt: system and user templates and the answer
// schema.
type Prompt struct {
	// Name is the prompt's directory name, e.g. "sentiment-v1".
	Name string
	// Version is Name plus the first 12 hex digits of the SHA-256 of the
	// templates and schema.
	Version string

	system *template.Template
	user   *template.Template
	schema []byte
}

// SectorRef is a sector the model may name.
type SectorRef struct{ ID, Name string }

// IndexRef is an index the model may name.
type IndexRef struct{ Code, Name string }

// EntityRef is a known entity offered to the model as a hint.
type EntityRef struct {
	Name    string
	Kind    string
	Tickers []string
}

// Data fills a prompt's templates.
type Data struct {
	Sectors   []SectorRef
	Indexes   []IndexRef
	Entities  []EntityRef
	Source    string
	Published string
	Title     string
	Text      string
}

// Names lists the embedded prompts.
func Names() ([]string, error) {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil, fmt.Errorf("list prompts: %w", err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// Load reads the embedded prompt called name.
func Load(name string) (*Prompt, error) {
	read := func(file string) ([]byte, error) {
		b, err := files.ReadFile(name + "/" + file)
		if err != nil {
			return nil, fmt.Errorf("load prompt %q: %w", name, err)
		}
		return b, nil
	}
	sys, err := read("system.tmpl")
	if err != nil {
		return nil, err
	}
	usr, err := read("user.tmpl")
	if err != nil {
		return nil, err
	}
	schema, err := read("schema.json")
	if err != nil {
		return nil, err
	}
	if !json.Valid(schema) {
		return nil, fmt.Errorf("load prompt %q: schema.json is not valid JSON", name)
	}
	funcs := template.FuncMap{"join": strings.Join}
	p := &Prompt{Name: name, schema: schema}
	if p.system, err = template.New("system").Funcs(funcs).Option("missingkey=error").Parse(string(sys)); err != nil {
		return nil, fmt.Errorf("load prompt %q: system.tmpl: %w", name, err)
	}
	if p.user, err = template.New("user").Funcs(funcs).Option("missingkey=error").Parse(string(usr)); err != nil {
		return nil, fmt.Errorf("load prompt %q: user.tmpl: %w", name, err)
	}
	h := sha256.New()
	for _, part := range [][]byte{sys, usr, schema} {
		fmt.Fprintf(h, "%d:", len(part))
		h.Write(part)
	}
	p.Version = name + "-" + hex.EncodeToString(h.Sum(nil))[:12]
	return p, nil
}

// fenceData is Data plus the fence that marks the article as data.
type fenceData struct {
	Data
	Fence string
}

// Fence returns the marker that fences an article in the prompt. It is
// derived from the article's text so that the text cannot contain it in
// advance.
func Fence(title, text string) string {
	sum := sha256.Sum256([]byte(title + "\x00" + text))
	return "<<<ARTICLE-" + strings.ToUpper(hex.EncodeToString(sum[:6])) + ">>>"
}

// Render fills the system and user templates.
func (p *Prompt) Render(d Data) (system, user string, err error) {
	fd := fenceData{Data: d, Fence: Fence(d.Title, d.Text)}
	var sb, ub bytes.Buffer
	if err := p.system.Execute(&sb, fd); err != nil {
		return "", "", fmt.Errorf("render prompt %s system: %w", p.Version, err)
	}
	if err := p.user.Execute(&ub, fd); err != nil {
		return "", "", fmt.Errorf("render prompt %s user: %w", p.Version, err)
	}
	return sb.String(), ub.String(), nil
}

// Schema returns the answer's JSON schema with the allowed sector ids and
// index codes filled in as enums.
func (p *Prompt) Schema(sectorIDs, indexCodes []string) (json.RawMessage, error) {
	var root map[string]any
	if err := json.Unmarshal(p.schema, &root); err != nil {
		return nil, fmt.Errorf("prompt %s schema: %w", p.Version, err)
	}
	set := func(list, field string, values []string) error {
		props, _ := root["properties"].(map[string]any)
		arr, _ := props[list].(map[string]any)
		items, _ := arr["items"].(map[string]any)
		itemProps, _ := items["properties"].(map[string]any)
		f, ok := itemProps[field].(map[string]any)
		if !ok {
			return fmt.Errorf("prompt %s schema: no %s.items.%s", p.Version, list, field)
		}
		enum := make([]any, len(values))
		for i, v := range values {
			enum[i] = v
		}
		f["enum"] = enum
		return nil
	}
	if err := set("sectors", "sector", sectorIDs); err != nil {
		return nil, err
	}
	if err := set("index_moves", "index", indexCodes); err != nil {
		return nil, err
	}
	out, err := json.Marshal(root)
	if err != nil {
		return nil, fmt.Errorf("prompt %s schema: %w", p.Version, err)
	}
	return out, nil
}
