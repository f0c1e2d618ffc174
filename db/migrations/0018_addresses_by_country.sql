-- 0018 addresses that can be delivered: the countries, a district, and rules per
-- country, each refusal naming its field.
--
-- What was wrong: api.change_address took any two letters as a country ("XX"), any
-- text as a street ("x") and any postcode ("ABCDE" for Turkey); a Turkish address had
-- nowhere to keep its district (ilçe), which the carriers need; and a refusal named
-- the field only in its words, so the console could not put it next to the field.
--
-- Now:
--   * backdesk.countries is ISO 3166-1 alpha-2, every country with its English name,
--     and, where the shop knows it, the shape of its postcodes and whether a district
--     is required (Turkey: five digits and a district; Hungary: four digits;
--     Germany: five digits).  Other countries: an optional postcode of 3 to 10
--     letters, digits, spaces or hyphens with at least one digit.
--   * addresses.district; the import takes shipping_address.district (optional, so
--     the shop's documents stay as they were) and the order screen shows it.
--   * backdesk.address_check(...) is the rule: the country is in the table, the street
--     has letters (at least three) and is not a single letter, the city and the
--     district are words (letters, no digits), the postcode has its country's shape.
--     Every refusal of an address is BD005 with PG_DIAG_COLUMN_NAME set to the part
--     (line1, line2, district, city, postcode, country), a message and a hint.
--   * api.change_address checks the order (found, its version, not shipped) before
--     the address, so an agent hears first what no correction can fix.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

------------------------------------------------------------------------------
-- The countries.
------------------------------------------------------------------------------
CREATE TABLE backdesk.countries (
    code              char(2) PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
    name              text NOT NULL CONSTRAINT countries_name_length CHECK (length(name) BETWEEN 1 AND 100),
    -- An anchored regular expression for the postcode (upper-cased, trimmed); NULL:
    -- the generic rule, and the postcode is optional.
    postcode_pattern  text CONSTRAINT countries_postcode_pattern_length
                          CHECK (length(postcode_pattern) <= 100 AND postcode_pattern ~ '^\^.*\$$'),
    postcode_example  text CONSTRAINT countries_postcode_example_length CHECK (length(postcode_example) <= 20),
    district_required boolean NOT NULL DEFAULT false
);
GRANT SELECT ON backdesk.countries TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

INSERT INTO backdesk.countries (code, name) VALUES
('AD', 'Andorra'),
('AE', 'United Arab Emirates'),
('AF', 'Afghanistan'),
('AG', 'Antigua and Barbuda'),
('AI', 'Anguilla'),
('AL', 'Albania'),
('AM', 'Armenia'),
('AO', 'Angola'),
('AQ', 'Antarctica'),
('AR', 'Argentina'),
('AS', 'American Samoa'),
('AT', 'Austria'),
('AU', 'Australia'),
('AW', 'Aruba'),
('AX', 'Åland Islands'),
('AZ', 'Azerbaijan'),
('BA', 'Bosnia and Herzegovina'),
('BB', 'Barbados'),
('BD', 'Bangladesh'),
('BE', 'Belgium'),
('BF', 'Burkina Faso'),
('BG', 'Bulgaria'),
('BH', 'Bahrain'),
('BI', 'Burundi'),
('BJ', 'Benin'),
('BL', 'Saint Barthélemy'),
('BM', 'Bermuda'),
('BN', 'Brunei Darussalam'),
('BO', 'Bolivia, Plurinational State of'),
('BQ', 'Bonaire, Sint Eustatius and Saba'),
('BR', 'Brazil'),
('BS', 'Bahamas'),
('BT', 'Bhutan'),
('BV', 'Bouvet Island'),
('BW', 'Botswana'),
('BY', 'Belarus'),
('BZ', 'Belize'),
('CA', 'Canada'),
('CC', 'Cocos (Keeling) Islands'),
('CD', 'Congo, The Democratic Republic of the'),
('CF', 'Central African Republic'),
('CG', 'Congo'),
('CH', 'Switzerland'),
('CI', 'Côte d''Ivoire'),
('CK', 'Cook Islands'),
('CL', 'Chile'),
('CM', 'Cameroon'),
('CN', 'China'),
('CO', 'Colombia'),
('CR', 'Costa Rica'),
('CU', 'Cuba'),
('CV', 'Cabo Verde'),
('CW', 'Curaçao'),
('CX', 'Christmas Island'),
('CY', 'Cyprus'),
('CZ', 'Czechia'),
('DE', 'Germany'),
('DJ', 'Djibouti'),
('DK', 'Denmark'),
('DM', 'Dominica'),
('DO', 'Dominican Republic'),
('DZ', 'Algeria'),
('EC', 'Ecuador'),
('EE', 'Estonia'),
('EG', 'Egypt'),
('EH', 'Western Sahara'),
('ER', 'Eritrea'),
('ES', 'Spain'),
('ET', 'Ethiopia'),
('FI', 'Finland'),
('FJ', 'Fiji'),
('FK', 'Falkland Islands (Malvinas)'),
('FM', 'Micronesia, Federated States of'),
('FO', 'Faroe Islands'),
('FR', 'France'),
('GA', 'Gabon'),
('GB', 'United Kingdom'),
('GD', 'Grenada'),
('GE', 'Georgia'),
('GF', 'French Guiana'),
('GG', 'Guernsey'),
('GH', 'Ghana'),
('GI', 'Gibraltar'),
('GL', 'Greenland'),
('GM', 'Gambia'),
('GN', 'Guinea'),
('GP', 'Guadeloupe'),
('GQ', 'Equatorial Guinea'),
('GR', 'Greece'),
('GS', 'South Georgia and the South Sandwich Islands'),
('GT', 'Guatemala'),
('GU', 'Guam'),
('GW', 'Guinea-Bissau'),
('GY', 'Guyana'),
('HK', 'Hong Kong'),
('HM', 'Heard Island and McDonald Islands'),
('HN', 'Honduras'),
('HR', 'Croatia'),
('HT', 'Haiti'),
('HU', 'Hungary'),
('ID', 'Indonesia'),
('IE', 'Ireland'),
('IL', 'Israel'),
('IM', 'Isle of Man'),
('IN', 'India'),
('IO', 'British Indian Ocean Territory'),
('IQ', 'Iraq'),
('IR', 'Iran, Islamic Republic of'),
('IS', 'Iceland'),
('IT', 'Italy'),
('JE', 'Jersey'),
('JM', 'Jamaica'),
('JO', 'Jordan'),
('JP', 'Japan'),
('KE', 'Kenya'),
('KG', 'Kyrgyzstan'),
('KH', 'Cambodia'),
('KI', 'Kiribati'),
('KM', 'Comoros'),
('KN', 'Saint Kitts and Nevis'),
('KP', 'Korea, Democratic People''s Republic of'),
('KR', 'Korea, Republic of'),
('KW', 'Kuwait'),
('KY', 'Cayman Islands'),
('KZ', 'Kazakhstan'),
('LA', 'Lao People''s Democratic Republic'),
('LB', 'Lebanon'),
('LC', 'Saint Lucia'),
('LI', 'Liechtenstein'),
('LK', 'Sri Lanka'),
('LR', 'Liberia'),
('LS', 'Lesotho'),
('LT', 'Lithuania'),
('LU', 'Luxembourg'),
('LV', 'Latvia'),
('LY', 'Libya'),
('MA', 'Morocco'),
('MC', 'Monaco'),
('MD', 'Moldova, Republic of'),
('ME', 'Montenegro'),
('MF', 'Saint Martin (French part)'),
('MG', 'Madagascar'),
('MH', 'Marshall Islands'),
('MK', 'North Macedonia'),
('ML', 'Mali'),
('MM', 'Myanmar'),
('MN', 'Mongolia'),
('MO', 'Macao'),
('MP', 'Northern Mariana Islands'),
('MQ', 'Martinique'),
('MR', 'Mauritania'),
('MS', 'Montserrat'),
('MT', 'Malta'),
('MU', 'Mauritius'),
('MV', 'Maldives'),
('MW', 'Malawi'),
('MX', 'Mexico'),
('MY', 'Malaysia'),
('MZ', 'Mozambique'),
('NA', 'Namibia'),
('NC', 'New Caledonia'),
('NE', 'Niger'),
('NF', 'Norfolk Island'),
('NG', 'Nigeria'),
('NI', 'Nicaragua'),
('NL', 'Netherlands'),
('NO', 'Norway'),
('NP', 'Nepal'),
('NR', 'Nauru'),
('NU', 'Niue'),
('NZ', 'New Zealand'),
('OM', 'Oman'),
('PA', 'Panama'),
('PE', 'Peru'),
('PF', 'French Polynesia'),
('PG', 'Papua New Guinea'),
('PH', 'Philippines'),
('PK', 'Pakistan'),
('PL', 'Poland'),
('PM', 'Saint Pierre and Miquelon'),
('PN', 'Pitcairn'),
('PR', 'Puerto Rico'),
('PS', 'Palestine, State of'),
('PT', 'Portugal'),
('PW', 'Palau'),
('PY', 'Paraguay'),
('QA', 'Qatar'),
('RE', 'Réunion'),
('RO', 'Romania'),
('RS', 'Serbia'),
('RU', 'Russian Federation'),
('RW', 'Rwanda'),
('SA', 'Saudi Arabia'),
('SB', 'Solomon Islands'),
('SC', 'Seychelles'),
('SD', 'Sudan'),
('SE', 'Sweden'),
('SG', 'Singapore'),
('SH', 'Saint Helena, Ascension and Tristan da Cunha'),
('SI', 'Slovenia'),
('SJ', 'Svalbard and Jan Mayen'),
('SK', 'Slovakia'),
('SL', 'Sierra Leone'),
('SM', 'San Marino'),
('SN', 'Senegal'),
('SO', 'Somalia'),
('SR', 'Suriname'),
('SS', 'South Sudan'),
('ST', 'Sao Tome and Principe'),
('SV', 'El Salvador'),
('SX', 'Sint Maarten (Dutch part)'),
('SY', 'Syrian Arab Republic'),
('SZ', 'Eswatini'),
('TC', 'Turks and Caicos Islands'),
('TD', 'Chad'),
('TF', 'French Southern Territories'),
('TG', 'Togo'),
('TH', 'Thailand'),
('TJ', 'Tajikistan'),
('TK', 'Tokelau'),
('TL', 'Timor-Leste'),
('TM', 'Turkmenistan'),
('TN', 'Tunisia'),
('TO', 'Tonga'),
('TR', 'Türkiye'),
('TT', 'Trinidad and Tobago'),
('TV', 'Tuvalu'),
('TW', 'Taiwan, Province of China'),
('TZ', 'Tanzania, United Republic of'),
('UA', 'Ukraine'),
('UG', 'Uganda'),
('UM', 'United States Minor Outlying Islands'),
('US', 'United States'),
('UY', 'Uruguay'),
('UZ', 'Uzbekistan'),
('VA', 'Holy See (Vatican City State)'),
('VC', 'Saint Vincent and the Grenadines'),
('VE', 'Venezuela, Bolivarian Republic of'),
('VG', 'Virgin Islands, British'),
('VI', 'Virgin Islands, U.S.'),
('VN', 'Viet Nam'),
('VU', 'Vanuatu'),
('WF', 'Wallis and Futuna'),
('WS', 'Samoa'),
('YE', 'Yemen'),
('YT', 'Mayotte'),
('ZA', 'South Africa'),
('ZM', 'Zambia'),
('ZW', 'Zimbabwe');

UPDATE backdesk.countries SET postcode_pattern = '^[0-9]{5}$', postcode_example = '34710', district_required = true
WHERE code = 'TR';
UPDATE backdesk.countries SET postcode_pattern = '^[0-9]{4}$', postcode_example = '1061' WHERE code = 'HU';
UPDATE backdesk.countries SET postcode_pattern = '^[0-9]{5}$', postcode_example = '10115' WHERE code = 'DE';

------------------------------------------------------------------------------
-- The district (ilçe, kerület).
------------------------------------------------------------------------------
ALTER TABLE backdesk.addresses ADD COLUMN district text
    CONSTRAINT addresses_district_length CHECK (length(district) <= 100);

CREATE OR REPLACE FUNCTION backdesk.text_limit(p_field text) RETURNS integer
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
RETURN CASE p_field WHEN 'reason' THEN 500 WHEN 'subject' THEN 200 WHEN 'note' THEN 10000
                    WHEN 'line1' THEN 200 WHEN 'line2' THEN 200 WHEN 'city' THEN 100
                    WHEN 'district' THEN 100 WHEN 'postcode' THEN 20 ELSE 2000 END;

-- As 0014, and the refusal names the part in PG_DIAG_COLUMN_NAME.
CREATE OR REPLACE FUNCTION backdesk.address_field(p_addr jsonb, p_key text, p_required boolean) RETURNS text
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v jsonb := p_addr -> p_key;
BEGIN
    IF v IS NULL OR jsonb_typeof(v) = 'null' OR (jsonb_typeof(v) = 'string' AND btrim(v #>> '{}') = '') THEN
        IF p_required THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005', COLUMN = p_key,
                MESSAGE = format('address: "%s" is missing', p_key),
                HINT = 'Give line1, city and country (two letters, like TR); line2 and postcode are optional.';
        END IF;
        RETURN NULL;
    END IF;
    IF jsonb_typeof(v) <> 'string' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', COLUMN = p_key,
            MESSAGE = format('address: "%s" must be a string, got %s', p_key, v),
            HINT = 'Give every part of the address as text.';
    END IF;
    IF length(btrim(v #>> '{}')) > backdesk.text_limit(p_key) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', COLUMN = p_key,
            MESSAGE = format('address: "%s" is too long (%s characters, at most %s)', p_key,
                             length(btrim(v #>> '{}')), backdesk.text_limit(p_key)),
            HINT = 'Shorten it; nothing was saved.';
    END IF;
    RETURN btrim(v #>> '{}');
END
$$;

-- How many letters a text has: what is neither a digit, a space nor punctuation (so
-- ç, ő and İ count in any database locale).
CREATE FUNCTION backdesk.letters(p text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, backdesk, pg_temp
RETURN length(regexp_replace(coalesce(p, ''), '[[:digit:][:space:][:punct:]]', '', 'g'));

-- BD005 naming the part, with a message and what to do.
CREATE FUNCTION backdesk.address_refuse(p_column text, p_message text, p_hint text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'BD005', COLUMN = p_column, MESSAGE = p_message, HINT = p_hint;
END
$$;

-- The rule for an address to deliver to (parts already trimmed, country upper-cased);
-- the postcode as it is to be stored (upper-cased) when it passes.
CREATE FUNCTION backdesk.address_check(p_line1 text, p_district text, p_city text, p_postcode text,
                                       p_country text) RETURNS text
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    c backdesk.countries;
    v_postcode text := upper(p_postcode);
BEGIN
    IF p_country !~ '^[A-Z]{2}$' THEN
        PERFORM backdesk.address_refuse('country',
            format('address: "country" must be a two-letter country code like "TR", got %L', p_country),
            'Use the ISO code: TR for Turkey, HU for Hungary, DE for Germany.');
    END IF;
    SELECT * INTO c FROM backdesk.countries WHERE code = p_country;
    IF NOT FOUND THEN
        PERFORM backdesk.address_refuse('country',
            format('address: "country" %s is not a country', p_country),
            'Use the ISO 3166 code: TR for Turkey, HU for Hungary, DE for Germany.');
    END IF;
    IF backdesk.letters(p_line1) < 3 OR length(p_line1) < 4 THEN
        PERFORM backdesk.address_refuse('line1',
            format('address: the street %L is not a street address', p_line1),
            'Give the street and the house number, like "Bağdat Cd. 12/3".');
    END IF;
    IF p_district IS NULL AND c.district_required THEN
        PERFORM backdesk.address_refuse('district',
            format('address: a district is needed for %s', c.name),
            'Give the district (ilçe), like "Kadıköy".');
    END IF;
    IF p_district IS NOT NULL AND (backdesk.letters(p_district) < 2 OR p_district ~ '[0-9]') THEN
        PERFORM backdesk.address_refuse('district',
            format('address: the district %L is not a district name', p_district),
            'Give the district''s name in letters, like "Kadıköy".');
    END IF;
    IF backdesk.letters(p_city) < 2 OR p_city ~ '[0-9]' THEN
        PERFORM backdesk.address_refuse('city',
            format('address: the city %L is not a city name', p_city),
            'Give the city''s name in letters, like "İstanbul".');
    END IF;
    IF c.postcode_pattern IS NOT NULL THEN
        IF v_postcode IS NULL THEN
            PERFORM backdesk.address_refuse('postcode',
                format('address: a postcode is needed for %s', c.name),
                format('Give the postcode, like %s.', c.postcode_example));
        END IF;
        IF v_postcode !~ c.postcode_pattern THEN
            PERFORM backdesk.address_refuse('postcode',
                format('address: %L is not a postcode of %s', v_postcode, c.name),
                format('A postcode of %s looks like %s.', c.name, c.postcode_example));
        END IF;
    ELSIF v_postcode IS NOT NULL AND (v_postcode !~ '^[A-Z0-9][A-Z0-9 -]{1,8}[A-Z0-9]$' OR v_postcode !~ '[0-9]') THEN
        PERFORM backdesk.address_refuse('postcode',
            format('address: %L is not a postcode', v_postcode),
            'A postcode has 3 to 10 letters, digits, spaces or hyphens, with a digit; leave it empty if the country has none.');
    END IF;
    RETURN v_postcode;
END
$$;

------------------------------------------------------------------------------
-- api.change_address, same signature: the order first, then the address's rules.
------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION api.change_address(order_number text, address jsonb, p_version integer DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_addr ALIAS FOR $2;
    v_order backdesk.orders;
    v_line1 text;
    v_line2 text;
    v_district text;
    v_city text;
    v_postcode text;
    v_country text;
    v_id bigint;
    v_version integer;
BEGIN
    PERFORM backdesk.require_role('changing addresses', 'agent', 'admin');
    IF p_addr IS NULL OR jsonb_typeof(p_addr) <> 'object' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'address must be a JSON object',
            HINT = 'Give {"line1": ..., "line2": ..., "district": ..., "city": ..., "postcode": ..., "country": "TR"}.';
    END IF;
    v_order := backdesk.order_for_update(p_number);
    PERFORM backdesk.check_version(v_order, p_version);
    PERFORM backdesk.need_not_shipped(v_order, 'changing its address');

    v_line1 := backdesk.address_field(p_addr, 'line1', true);
    v_line2 := backdesk.address_field(p_addr, 'line2', false);
    v_district := backdesk.address_field(p_addr, 'district', false);
    v_city := backdesk.address_field(p_addr, 'city', true);
    v_postcode := backdesk.address_field(p_addr, 'postcode', false);
    v_country := upper(backdesk.address_field(p_addr, 'country', true));
    v_postcode := backdesk.address_check(v_line1, v_district, v_city, v_postcode, v_country);

    INSERT INTO backdesk.addresses (customer_id, line1, line2, district, city, postcode, country)
    VALUES (v_order.customer_id, v_line1, v_line2, v_district, v_city, v_postcode, v_country)
    RETURNING id INTO v_id;
    UPDATE backdesk.orders SET shipping_address_id = v_id WHERE id = v_order.id;
    v_version := backdesk.bump_order(v_order.id);

    PERFORM backdesk.audit('order.change_address', 'order', v_order.id,
        jsonb_build_object('number', v_order.number, 'old_address_id', v_order.shipping_address_id,
                           'address_id', v_id, 'city', v_city, 'district', v_district, 'country', v_country,
                           'version', v_version));
    RETURN v_id;
END
$$;

------------------------------------------------------------------------------
-- The import takes shipping_address.district.  0002's body (import_order_apply)
-- matches an address without it; this wrapper, which api.import_order calls by the
-- same name, then puts the order on the customer's address that has the district.
------------------------------------------------------------------------------
ALTER FUNCTION backdesk.import_order_apply(jsonb) RENAME TO import_order_apply_lines;

CREATE FUNCTION backdesk.import_order_apply(doc jsonb) RETURNS bigint
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_district text;
    v_id bigint;
    a backdesk.addresses;
    v_address_id bigint;
BEGIN
    IF jsonb_typeof(doc) = 'object' AND jsonb_typeof(doc -> 'shipping_address') = 'object' THEN
        PERFORM backdesk.doc_len(doc -> 'shipping_address', 'district', '"shipping_address.district"', 100);
        IF doc #> '{shipping_address,district}' IS NOT NULL
           AND jsonb_typeof(doc #> '{shipping_address,district}') NOT IN ('string', 'null') THEN
            PERFORM backdesk.bad_doc('"shipping_address.district"', 'must be text');
        END IF;
        v_district := nullif(btrim(doc #>> '{shipping_address,district}'), '');
    END IF;
    v_id := backdesk.import_order_apply_lines(doc);

    SELECT ad.* INTO a FROM backdesk.orders o JOIN backdesk.addresses ad ON ad.id = o.shipping_address_id
    WHERE o.id = v_id;
    IF a.district IS NULL AND v_district IS NOT NULL
       AND NOT EXISTS (SELECT FROM backdesk.orders WHERE shipping_address_id = a.id AND id <> v_id) THEN
        -- Only this order ships there (the address the import just made): it gains the district.
        UPDATE backdesk.addresses SET district = v_district WHERE id = a.id;
    ELSIF a.district IS DISTINCT FROM v_district THEN
        SELECT id INTO v_address_id FROM backdesk.addresses
        WHERE customer_id = a.customer_id AND line1 = a.line1 AND city = a.city
          AND coalesce(line2, '') = coalesce(a.line2, '') AND coalesce(postcode, '') = coalesce(a.postcode, '')
          AND country = a.country AND district IS NOT DISTINCT FROM v_district
        ORDER BY id LIMIT 1;
        IF v_address_id IS NULL THEN
            INSERT INTO backdesk.addresses (customer_id, line1, line2, district, city, postcode, country)
            VALUES (a.customer_id, a.line1, a.line2, v_district, a.city, a.postcode, a.country)
            RETURNING id INTO v_address_id;
        END IF;
        UPDATE backdesk.orders SET shipping_address_id = v_address_id WHERE id = v_id;
    END IF;
    RETURN v_id;
END
$$;
REVOKE ALL ON FUNCTION backdesk.import_order_apply(jsonb), backdesk.import_order_apply_lines(jsonb)
    FROM PUBLIC, backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_shop;

COMMENT ON FUNCTION api.change_address(text, jsonb, integer) IS
$$Ships an order to another address: a new address of the customer, set on the order; returns its id. address is {"line1", "line2", "district", "city", "postcode", "country"}: line1, city and country are required; the country is a code of backdesk.countries (ISO 3166-1 alpha-2), whose row says the postcode's shape and whether a district is required (Turkey: five digits and a district; Hungary: four digits). p_version as in api.cancel_order. A later re-import of the order keeps this address. Audited (order.change_address).
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such order; BD004 the order changed since p_version; BD002 the order was cancelled or has shipped; BD005 not a JSON object, or a part that is missing, not text, too long or not as its country wants it (an unknown country, a street without letters, a city or district with digits, a postcode of the wrong shape, a missing district): PG_DIAG_COLUMN_NAME names the part (line1, line2, district, city, postcode, country).$$;

COMMENT ON FUNCTION api.import_order(jsonb) IS
$$The shop pushes an order: one JSON document (number, placed_at, currency, customer, shipping_address with an optional district, lines, shipping_fee, free_shipping, payment, ship_by, deliver_between; see docs/DESIGN.md). A new number creates the order, the same number again updates it; returns the order id. The customer is found by e-mail or phone, else created. Once an order has refunds, gift codes, a parcel or a change made in backdesk, its currency, placed_at, customer, lines, amounts and payment method are frozen and paid may only go up; an address an agent changed is kept (a NOTICE and an audit row order.reimport_kept say so).
Who: the shop, admin.
Refuses: BD001 any other role; BD005 a document that is not as described (the message names the field: missing, wrong type, not a date, an unknown currency or payment method, text too long, ...); BD002 an order that has shipped or was cancelled, one with a return on its lines, or a frozen field that differs (the message names it with both values).$$;
