import { theme } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

// The portal's few text styles, drawn from the theme tokens. antd's Typography would bring tooltips,
// copy and inline editing along, which the portal never uses but would pay for in its first load.

type TTextProps = { children: ReactNode; style?: CSSProperties; testId?: string };

/** Secondary (grey) inline text. */
export function Muted({ children, style, testId }: TTextProps) {
  const { token } = theme.useToken();
  return (
    <span style={{ color: token.colorTextSecondary, ...style }} data-testid={testId}>
      {children}
    </span>
  );
}

/** A monospaced code such as a USCC. */
export function Code({ children }: TTextProps) {
  const { token } = theme.useToken();
  return (
    <code style={{ fontFamily: token.fontFamilyCode, color: token.colorTextSecondary }}>{children}</code>
  );
}

/** A page heading (h1 for the search page, h2 for an association). */
export function Heading({ children, level, testId }: TTextProps & { level: 1 | 2 }) {
  const { token } = theme.useToken();
  const style: CSSProperties = {
    margin: 0,
    color: token.colorTextHeading,
    fontWeight: token.fontWeightStrong,
    fontSize: level === 1 ? token.fontSizeHeading2 : token.fontSizeHeading3,
  };
  return level === 1 ? (
    <h1 style={style} data-testid={testId}>
      {children}
    </h1>
  ) : (
    <h2 style={style} data-testid={testId}>
      {children}
    </h2>
  );
}

/** A section with a heading and a light border, in place of a card. */
export function Section({ title, children }: { title?: ReactNode; children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <section
      style={{
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadiusLG,
        padding: token.paddingLG,
      }}
    >
      {title ? (
        <h3 style={{ marginTop: 0, fontSize: token.fontSizeLG, fontWeight: token.fontWeightStrong }}>
          {title}
        </h3>
      ) : null}
      {children}
    </section>
  );
}
