/** An element of a parsed XML document: enough to read a JUnit report in a test. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const nameChars = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const allowedChar = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

/**
 * A strict parser for the XML subset a JUnit report uses (a declaration, elements, attributes,
 * text, the five named entities and character references). It throws, naming the offset, on
 * anything that is not well-formed: an unescaped < or &, an unknown entity, a mismatched or
 * unclosed tag, a repeated attribute, a character XML forbids, or more than one root.
 */
export function parseXml(source: string): XmlElement {
  if (!allowedChar.test(source)) throw new Error('the document holds a character XML 1.0 forbids');
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`not well-formed XML at offset ${at}: ${what} (near ${JSON.stringify(source.slice(at, at + 40))})`);
  };
  const skipSpace = () => {
    while (at < source.length && /\s/.test(source[at]!)) at++;
  };
  const readName = () => {
    nameChars.lastIndex = at;
    const match = nameChars.exec(source);
    if (!match) fail('expected a name');
    at += match![0].length;
    return match![0];
  };
  const decode = (raw: string) => {
    if (raw.includes('<')) fail('a raw < in text or an attribute');
    return raw.replace(/&([^;]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) fail(`an unterminated reference &${ref}`);
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (ref in named) return named[ref]!;
      const code = /^#x[0-9a-fA-F]+$/.test(ref)
        ? parseInt(ref.slice(2), 16)
        : /^#\d+$/.test(ref)
          ? parseInt(ref.slice(1), 10)
          : NaN;
      if (Number.isNaN(code)) fail(`an unknown entity &${ref};`);
      return String.fromCodePoint(code);
    });
  };

  if (source.startsWith('<?xml')) {
    const end = source.indexOf('?>');
    if (end === -1) fail('an unclosed XML declaration');
    at = end + 2;
  }
  skipSpace();

  const element = (): XmlElement => {
    if (source[at] !== '<') fail('expected an element');
    at++;
    const node: XmlElement = { name: readName(), attributes: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (source.startsWith('/>', at)) {
        at += 2;
        return node;
      }
      if (source[at] === '>') {
        at++;
        break;
      }
      const attribute = readName();
      skipSpace();
      if (source[at] !== '=') fail(`attribute ${attribute} has no value`);
      at++;
      skipSpace();
      const quote = source[at];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attribute} is not quoted`);
      const end = source.indexOf(quote!, at + 1);
      if (end === -1) fail(`attribute ${attribute} is not closed`);
      if (attribute in node.attributes) fail(`attribute ${attribute} is repeated`);
      node.attributes[attribute] = decode(source.slice(at + 1, end));
      at = end + 1;
    }
    for (;;) {
      const next = source.indexOf('<', at);
      if (next === -1) fail(`element ${node.name} is never closed`);
      node.text += decode(source.slice(at, next));
      at = next;
      if (source.startsWith('</', at)) {
        at += 2;
        const closing = readName();
        if (closing !== node.name) fail(`</${closing}> closes <${node.name}>`);
        skipSpace();
        if (source[at] !== '>') fail('expected > after a closing tag');
        at++;
        return node;
      }
      node.children.push(element());
    }
  };

  const root = element();
  skipSpace();
  if (at !== source.length) fail('content after the root element');
  return root;
}

/** Every element named `name` under `node`, depth first. */
export function findAll(node: XmlElement, name: string): XmlElement[] {
  return [...(node.name === name ? [node] : []), ...node.children.flatMap((child) => findAll(child, name))];
}
