import { Field, type FormState, PostForm } from './form';
import { AdminLayout, type AdminShell } from './layout';

type Props = AdminShell & { state?: FormState };

/** Step one of the back-office login. */
export function LoginPage(props: Props & { notice?: string }) {
  return (
    <AdminLayout {...props} title="工作人员登录">
      <div class="login-box">
        {props.notice && <p class="notice">{props.notice}</p>}
        <PostForm action="/admin/login" csrf={props.csrf} state={props.state} label="登录">
          <Field name="username" label="用户名" autocomplete="username" required state={props.state} />
          <Field
            name="password"
            label="密码"
            type="password"
            autocomplete="current-password"
            required
            state={props.state}
          />
          <button type="submit">下一步</button>
        </PostForm>
        <p class="hint">登录需要密码和手机动态口令（双因素认证）。连续失败 5 次将临时锁定账户 30 分钟。</p>
        <p class="hint">忘记密码或更换手机，请联系本单位系统管理员重置。</p>
        <p>
          <a href="/">返回门户网站</a>
        </p>
      </div>
    </AdminLayout>
  );
}

/** Step two: the TOTP code or a recovery code. */
export function SecondFactorPage(props: Props) {
  return (
    <AdminLayout {...props} title="动态口令验证">
      <PostForm action="/admin/2fa" csrf={props.csrf} state={props.state} label="动态口令">
        <Field
          name="code"
          label="6 位动态口令"
          hint="打开手机上的身份验证器应用查看；也可输入一个备用恢复码（形如 abcde-12345）"
          autocomplete="one-time-code"
          required
          state={props.state}
        />
        <button type="submit">登录</button>
      </PostForm>
    </AdminLayout>
  );
}

/** First login: bind an authenticator app. */
export function EnrolPage(props: Props & { secret: string; uri: string; qrSvg: string }) {
  return (
    <AdminLayout {...props} title="绑定动态口令">
      <ol class="steps">
        <li>在手机上安装身份验证器应用（如 FreeOTP、Google Authenticator、Microsoft Authenticator）。</li>
        <li>
          扫描下方二维码，或手动输入密钥：
          <code class="secret">{props.secret.replace(/(.{4})(?=.)/g, '$1 ')}</code>
        </li>
        <li>输入应用显示的 6 位数字完成绑定。</li>
      </ol>
      <img
        class="qr"
        src={`data:image/svg+xml;base64,${Buffer.from(props.qrSvg).toString('base64')}`}
        alt={`动态口令二维码，密钥 ${props.secret}`}
        width={200}
        height={200}
      />
      <PostForm action="/admin/2fa/enroll" csrf={props.csrf} state={props.state} label="绑定动态口令">
        <Field
          name="code"
          label="6 位动态口令"
          autocomplete="one-time-code"
          inputMode="numeric"
          required
          state={props.state}
        />
        <button type="submit">完成绑定</button>
      </PostForm>
    </AdminLayout>
  );
}

/** Shown once after enrolment. */
export function RecoveryCodesPage(props: Props & { codes: string[] }) {
  return (
    <AdminLayout {...props} title="备用恢复码">
      <p class="notice">
        动态口令已绑定。请将以下恢复码抄写或打印后妥善保管：手机丢失时每个恢复码可代替动态口令使用一次。本页只显示这一次。
      </p>
      <ul class="codes">
        {props.codes.map((c) => (
          <li>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p>
        <a href="/admin" class="button">
          进入工作台
        </a>
      </p>
    </AdminLayout>
  );
}

/** Password change, also forced for initial and expired passwords. */
export function PasswordPage(props: Props) {
  const forced = props.principal?.passwordExpired;
  return (
    <AdminLayout {...props} title="修改密码">
      {forced && <p class="notice">您的密码是初始密码或已超过有效期，请先修改密码。</p>}
      <PostForm action="/admin/password" csrf={props.csrf} state={props.state} label="修改密码">
        <Field
          name="currentPassword"
          label="当前密码"
          type="password"
          autocomplete="current-password"
          required
          state={props.state}
        />
        <Field
          name="newPassword"
          label="新密码"
          type="password"
          autocomplete="new-password"
          hint="至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类，不能包含用户名或常见密码"
          required
          state={props.state}
        />
        <Field
          name="confirmPassword"
          label="再次输入新密码"
          type="password"
          autocomplete="new-password"
          required
          state={props.state}
        />
        <button type="submit">修改密码</button>
      </PostForm>
      <p class="hint">修改后所有已登录的会话都将退出，请用新密码重新登录。</p>
    </AdminLayout>
  );
}
