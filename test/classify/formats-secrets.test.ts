import { describe, expect, it } from 'vitest';
import { found, foundOf } from './helpers';

describe('AWS_SECRET_KEY context', () => {
  it('takes `secret_key` as the AWS secret next to an AWS provider or access key id', () => {
    const tf = 'provider "aws" {\n  region = "us-west-2"\n  secret_key = "Qx4dV8mK2pLr7TnW9zYb3HcF6gJs1eUo5iRa0NvE"\n}';
    expect(foundOf('AWS_SECRET_KEY', tf)).toEqual(['Qx4dV8mK2pLr7TnW9zYb3HcF6gJs1eUo5iRa0NvE']);
    expect(foundOf('AWS_SECRET_KEY', 'AWS Secret Access Key [****]: Qx4dV8mK2pLr7TnW9zYb3HcF6gJs1eUo5iRa0NvE')).toHaveLength(1);
  });
  it('a `secret_key` elsewhere is a generic secret', () => {
    const minio = 'provider "minio" {\n  secret_key = "Qx4dV8mK2pLr7TnW9zYb3HcF6gJs1eUo5iRa0NvE"\n}';
    expect(found(minio)).toEqual(['GENERIC_SECRET:Qx4dV8mK2pLr7TnW9zYb3HcF6gJs1eUo5iRa0NvE']);
  });
});

describe('GENERIC_SECRET forms', () => {
  it('judges hex values against the hex alphabet, and reads secret flags', () => {
    expect(foundOf('GENERIC_SECRET', 'SENTRY_AUTH_TOKEN=5c1e07a9b3d24f86a0e9c7b1d35f2a48')).toEqual(['5c1e07a9b3d24f86a0e9c7b1d35f2a48']);
    expect(foundOf('GENERIC_SECRET', 'vault login --client-secret Tq8~vR2mLx9KpZ4wNc7YhB1sDf6GjE3aUi0oXe5q')).toHaveLength(1);
    expect(foundOf('GENERIC_SECRET', 'az login --service-principal -u 0f6c2d1e-4a3b-4c5d-8e9f-1a2b3c4d5e6f -p Tq8~vR2mLx9KpZ4wNc7YhB1sDf6GjE3aUi0oXe5q --tenant x')).toEqual([
      'Tq8~vR2mLx9KpZ4wNc7YhB1sDf6GjE3aUi0oXe5q',
    ]);
  });
  it('leaves repetitive hex and low-entropy flags alone', () => {
    expect(found('SENTRY_AUTH_TOKEN=abababababababababababababababab')).toEqual([]);
    expect(found('tool --token aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbb')).toEqual([]);
  });
});

describe('PASSWORD sentences and tools', () => {
  it('reads "the password for X is Y" in other languages', () => {
    expect(foundOf('PASSWORD', 'Das Kennwort für das WLAN lautet Gr8!Wolke-77.')).toEqual(['Gr8!Wolke-77']);
    expect(foundOf('PASSWORD', 'Le mot de passe du routeur est Ch4t#Noir9')).toEqual(['Ch4t#Noir9']);
    expect(foundOf('PASSWORD', 'A senha do painel é Lua!2024x')).toEqual(['Lua!2024x']);
  });
  it('needs the verb after a "for X" clause, and a password-like value', () => {
    expect(found('The password for the staging-db is rotated weekly.')).toEqual([]);
    expect(found('Das Passwort für den Server ist geheim.')).toEqual([]);
  });
  it('reads passwords passed as tool arguments', () => {
    expect(foundOf('PASSWORD', 'htpasswd -bc /srv/.htpasswd deploy Tr0ub4dor&3')).toEqual(['Tr0ub4dor&3']);
    expect(foundOf('PASSWORD', 'sshpass -p N0rth!Gate ssh ops@10.1.4.2')).toEqual(['N0rth!Gate']);
    expect(found('htpasswd -c /srv/.htpasswd deploy')).toEqual([]);
  });
});

describe('CONNECTION_STRING libpq keywords', () => {
  it('spans a keyword/value string with a password as one finding', () => {
    const dsn = 'host=db.internal.lan port=6432 dbname=ledger user=svc password=Wq7!rT2p sslmode=verify-full';
    expect(found(`psql "${dsn}"`)).toEqual([`CONNECTION_STRING:${dsn}`]);
  });
  it('needs a server or database key and a real password', () => {
    expect(foundOf('CONNECTION_STRING', 'user=svc password=Wq7!rT2p')).toEqual([]);
    expect(foundOf('CONNECTION_STRING', 'host=db.internal.lan dbname=ledger password=${PGPASSWORD}')).toEqual([]);
  });
});

describe('PASSWORD in more forms', () => {
  it('reads "reset my password to Y", typographic quotes, adjectives and a colon after the verb', () => {
    expect(foundOf('PASSWORD', 'I reset my VPN password to Orbit#4093 but it still fails')).toEqual(['Orbit#4093']);
    expect(foundOf('PASSWORD', 'Le mot de passe du Wi-Fi invités est « velvet-harbor-79 », merci')).toEqual(['velvet-harbor-79']);
    expect(foundOf('PASSWORD', 'La contraseña temporal de tu cuenta es: 0teq*qWZFz*92')).toEqual(['0teq*qWZFz*92']);
  });
  it('reads the value after the word in Japanese, Chinese, Korean and Russian, up to the script change', () => {
    expect(foundOf('PASSWORD', '管理画面のパスワードは boKL#Xj6gf#73 です')).toEqual(['boKL#Xj6gf#73']);
    expect(foundOf('PASSWORD', '数据库密码：Qw3rty!88请尽快修改')).toEqual(['Qw3rty!88']);
    expect(foundOf('PASSWORD', '비밀번호는 Hn7#kq2Lm 입니다; пароль: Zx9!mK2p')).toEqual(['Hn7#kq2Lm', 'Zx9!mK2p']);
  });
  it('reads quoted name/value pairs, aligned assignments, `net user` and LDAP tools', () => {
    expect(foundOf('PASSWORD', "define( 'DB_PASSWORD', 'W4MX%oSjpI*97' );")).toEqual(['W4MX%oSjpI*97']);
    expect(foundOf('PASSWORD', 'username       = "reports"\npassword       = "Tundra%7138"')).toEqual(['Tundra%7138']);
    expect(foundOf('PASSWORD', 'net user svc_backup Catk#XkkHt!70 /add /domain')).toEqual(['Catk#XkkHt!70']);
    expect(foundOf('PASSWORD', `ldapsearch -x -H ldaps://ldap.corp.io -D "cn=admin,dc=corp,dc=io" -w '5LoG!Xevwx%27' -b "dc=corp,dc=io"`)).toEqual(['5LoG!Xevwx%27']);
  });
  it('reads XML elements, .NET settings and curl credentials', () => {
    expect(foundOf('PASSWORD', '<user><name>bob</name><password>S3cret!xyz</password></user>')).toEqual(['S3cret!xyz']);
    expect(foundOf('PASSWORD', '<add key="DbPassword" value="S3cret!xyz" />')).toEqual(['S3cret!xyz']);
    expect(foundOf('PASSWORD', 'curl -u admin:S3cr3t!x https://api.corp.io/v1/items')).toEqual(['S3cr3t!x']);
    expect(found('<password>${DB_PASSWORD}</password> curl -u "$USER:" https://api.corp.io')).toEqual([]);
  });
  it('reads passwords echoed into sudo -S, chpasswd and passwd --stdin', () => {
    expect(foundOf('PASSWORD', "echo 'Qw3rty!88' | sudo -S apt-get update")).toEqual(['Qw3rty!88']);
    expect(foundOf('PASSWORD', "echo -n n0rth!Gate | sudo -S true")).toEqual(['n0rth!Gate']);
    expect(foundOf('PASSWORD', "echo 'deploy:Qw3rty!88' | sudo chpasswd")).toEqual(['Qw3rty!88']);
    expect(found('echo $PASS | sudo -S true; echo done | tee log')).toEqual([]);
  });
  it('reads the word for password in more languages', () => {
    expect(foundOf('PASSWORD', 'clave de acceso: Sol!2024x; heslo: Tajne!2024; Salasana on Kissa!2024')).toEqual(['Sol!2024x', 'Tajne!2024', 'Kissa!2024']);
    expect(foundOf('PASSWORD', 'كلمة المرور: Qw!2345xy — mật khẩu là Zx!9876ab — şifre: Gizli!2024')).toEqual(['Qw!2345xy', 'Zx!9876ab', 'Gizli!2024']);
  });
  it('needs a password-like value after the word', () => {
    expect(found('La clave es la paciencia. Şifre: değiştirildi. Mật khẩu là bí mật.')).toEqual([]);
  });
  it('leaves field-name lists, switches and prompts alone', () => {
    expect(found('fields = ["username", "password", "email"]')).toEqual([]);
    expect(found('net user svc_backup /delete')).toEqual([]);
    expect(found('net user svc_backup * /add')).toEqual([]);
    expect(found('Введите пароль: ********')).toEqual([]);
  });
});

describe('GENERIC_SECRET names and sentences', () => {
  it('takes generated keys with punctuation, encryption keys and api_*_key fields', () => {
    expect(foundOf('GENERIC_SECRET', "SECRET_KEY = '=d5p#(g%q#n(05pcqza9_-*j13x^jk6pe7!2_^6q9kjkuf2ls1'")).toEqual(['=d5p#(g%q#n(05pcqza9_-*j13x^jk6pe7!2_^6q9kjkuf2ls1']);
    expect(foundOf('GENERIC_SECRET', 'encryption:\n  encryption_key: "+lvVufAiUJpbWb5yXaHNdPbpq6gqTXZv8Hzd5PrnNeA="')).toEqual(['+lvVufAiUJpbWb5yXaHNdPbpq6gqTXZv8Hzd5PrnNeA=']);
    expect(foundOf('GENERIC_SECRET', '{"form": {"api_dev_key": "ohu8oWbb6VWbWJnJxjpabYzb4TFCRabF"}}')).toEqual(['ohu8oWbb6VWbWJnJxjpabYzb4TFCRabF']);
  });
  it('ends a key passed in a URL query at the next parameter', () => {
    expect(foundOf('GENERIC_SECRET', 'GET https://api.weather-data.io/v1/forecast?api_key=Zk3Qx9LmP2vT8wRb5NcY7hJd4Fs6Ga1E&format=json')).toEqual([
      'Zk3Qx9LmP2vT8wRb5NcY7hJd4Fs6Ga1E',
    ]);
  });
  it('reads a secret named in a sentence, in English and abroad', () => {
    expect(foundOf('GENERIC_SECRET', 'The API token for the CRM is xJgLFmu9FgKZSEDvk3tnBGHq58XVTpzh8QlP9WNw, valid a year.')).toEqual(['xJgLFmu9FgKZSEDvk3tnBGHq58XVTpzh8QlP9WNw']);
    expect(foundOf('GENERIC_SECRET', "Le jeton d'API (api_token) du CRM est xJgLFmu9FgKZSEDvk3tnBGHq58XVTpzh8QlP9WNw.")).toEqual(['xJgLFmu9FgKZSEDvk3tnBGHq58XVTpzh8QlP9WNw']);
  });
  it('leaves calls, truncated values and long words after a cue alone', () => {
    expect(found('api_key = os.environ.get("CRM_API_KEY_FOR_THE_PRODUCTION_TENANT")')).toEqual([]);
    expect(found('Token from the logs was truncated: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOi… (cut at 40 chars)')).toEqual([]);
    expect(found('The tokenizer splits internationalization_and_localization_guidelines into pieces.')).toEqual([]);
    expect(found('The deploy token fix landed in commit 3f2a9c1e5b7d4f6a8c0e2b4d6f8a0c2e4b6d8f0a yesterday.')).toEqual([]);
    expect(found('The secret key rotation happens every 90 days via rotate_keys_2024_v2_final_script.')).toEqual([]);
  });
});

describe('CONNECTION_STRING Oracle forms', () => {
  it('spans a thin-driver string with credentials before the @', () => {
    expect(found('Connection failed: jdbc:oracle:thin:scott/Juniper$9626@//ora-prod.corp.io:1521/ORCLPDB1 (ORA-12541)')).toEqual([
      'CONNECTION_STRING:jdbc:oracle:thin:scott/Juniper$9626@//ora-prod.corp.io:1521/ORCLPDB1',
    ]);
  });
  it('spans the EZConnect string of the command-line tools', () => {
    expect(foundOf('CONNECTION_STRING', 'sqlplus -s scott/Tiger#42@//db.corp.io:1521/ORCL @report.sql')).toEqual(['scott/Tiger#42@//db.corp.io:1521/ORCL']);
  });
  it('needs a real password', () => {
    expect(found('jdbc:oracle:thin:scott/${DB_PASSWORD}@//ora-prod.corp.io:1521/ORCLPDB1')).toEqual([]);
    expect(found('jdbc:oracle:thin:@//ora-prod.corp.io:1521/ORCLPDB1')).toEqual([]);
  });
});
