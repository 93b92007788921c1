import type { ComponentChildren } from 'preact';

/** A data table with a caption and column headers; rows come as children. */
export function Table(props: {
  caption: string;
  columns: string[];
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <table class={props.class}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th scope="col">{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}
