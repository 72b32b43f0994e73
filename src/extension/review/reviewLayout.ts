// The review panel's layout as the annotator left it (the item section folded or not), kept per
// user in the extension's global state: webview state alone is lost when the panel is closed, and
// a physician who folds a long premise away wants it folded on the next item, panel and day too.
import { isReviewLayout, type ReviewLayout } from '../../protocol/messages';

export const REVIEW_LAYOUT_KEY = 'medco.review.layout';

/** The part of vscode.Memento used here (context.globalState), so it is testable without VS Code. */
export interface LayoutMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

const DEFAULT_LAYOUT: ReviewLayout = { itemCollapsed: false };

export class ReviewLayoutPreference {
  constructor(private readonly memento: LayoutMemento) {}

  /** The stored layout; anything unreadable (an older or hand-edited value) is the default. */
  get(): ReviewLayout {
    const stored = this.memento.get<unknown>(REVIEW_LAYOUT_KEY);
    return isReviewLayout(stored) ? { ...stored } : { ...DEFAULT_LAYOUT };
  }

  set(layout: ReviewLayout): Thenable<void> {
    return this.memento.update(REVIEW_LAYOUT_KEY, { itemCollapsed: layout.itemCollapsed });
  }
}
