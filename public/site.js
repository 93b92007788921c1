// Progressive enhancement only: every control works without this script (links to /prefs).
// With it, the font size and care mode switch without a reload, and 打印 opens the print dialog.
(() => {
  const year = 365 * 24 * 3600;
  const setCookie = (name, value) => {
    document.cookie = `${name}=${value}; path=/; max-age=${year}; samesite=lax`;
  };
  for (const button of document.querySelectorAll('[data-print]')) button.hidden = false;
  document.addEventListener('click', (event) => {
    // Leave new-tab and other modified clicks to the browser.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const target = event.target.closest('a, button');
    if (!target) return;
    const root = document.documentElement;
    if (target.dataset.font) {
      event.preventDefault();
      root.classList.remove('font-small', 'font-medium', 'font-large');
      root.classList.add(`font-${target.dataset.font}`);
      setCookie('gk_font', target.dataset.font);
      for (const a of document.querySelectorAll('a[data-font]')) {
        if (a === target) a.setAttribute('aria-current', 'true');
        else a.removeAttribute('aria-current');
      }
    } else if (target.dataset.care) {
      event.preventDefault();
      const on = target.dataset.care === '1';
      root.classList.toggle('care', on);
      setCookie('gk_care', on ? '1' : '0');
      const next = on ? '0' : '1';
      target.dataset.care = next;
      target.href = target.href.replace(/care=[01]/, `care=${next}`);
      target.textContent = on ? '退出关怀版' : '关怀版';
    } else if (target.dataset.print) {
      event.preventDefault();
      window.print();
    }
  });
})();
